package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteProvisionedConcurrencyStoreTest extends ProvisionedConcurrencyStoreContract {

    @Override
    protected ProvisionedConcurrencyStore open(Path directory) {
        return new SqliteProvisionedConcurrencyStore(directory);
    }

    @Test
    void refusesUseAfterClose(@TempDir Path dataDir) {
        SqliteProvisionedConcurrencyStore closed = new SqliteProvisionedConcurrencyStore(dataDir);
        closed.close();

        assertThatThrownBy(() -> closed.find("hello", "1")).isInstanceOf(IllegalStateException.class);
    }
}
