package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteReservedConcurrencyStoreTest extends ReservedConcurrencyStoreContract {

    @Override
    protected ReservedConcurrencyStore open(Path directory) {
        return new SqliteReservedConcurrencyStore(directory);
    }

    @Test
    void refusesUseAfterClose(@TempDir Path dataDir) {
        SqliteReservedConcurrencyStore closed = new SqliteReservedConcurrencyStore(dataDir);
        closed.close();

        assertThatThrownBy(() -> closed.find("hello")).isInstanceOf(IllegalStateException.class);
    }
}
