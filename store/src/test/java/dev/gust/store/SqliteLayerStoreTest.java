package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLayerStoreTest extends LayerStoreContract {

    @Override
    protected LayerStore open(Path directory) {
        return new SqliteLayerStore(directory);
    }

    @Test
    void refusesUseAfterClose(@TempDir Path dataDir) {
        SqliteLayerStore closed = new SqliteLayerStore(dataDir);
        closed.close();

        assertThatThrownBy(() -> closed.find("deps", 1)).isInstanceOf(IllegalStateException.class);
    }
}
