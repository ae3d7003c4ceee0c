package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventInvokeConfigStoreTest extends EventInvokeConfigStoreContract {

    @Override
    protected EventInvokeConfigStore open(Path directory) {
        return new SqliteEventInvokeConfigStore(directory);
    }

    @Test
    void refusesUseAfterClose(@TempDir Path dataDir) {
        SqliteEventInvokeConfigStore closed = new SqliteEventInvokeConfigStore(dataDir);
        closed.close();

        assertThatThrownBy(() -> closed.find("hello", "$LATEST")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsPageSizeOutsideOneToTenThousand(@TempDir Path dataDir) {
        try (SqliteEventInvokeConfigStore store = new SqliteEventInvokeConfigStore(dataDir)) {
            assertThatThrownBy(() -> store.list("hello", null, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.list("hello", null, 10_001)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
