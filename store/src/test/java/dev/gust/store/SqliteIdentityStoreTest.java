package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteIdentityStoreTest extends IdentityStoreContract {

    @Override
    protected IdentityStore open(Path directory) {
        return new SqliteIdentityStore(directory);
    }

    @Test
    void refusesUseAfterClose(@TempDir Path dataDir) {
        SqliteIdentityStore closed = new SqliteIdentityStore(dataDir);
        closed.close();

        assertThatThrownBy(closed::all).isInstanceOf(IllegalStateException.class);
    }
}
