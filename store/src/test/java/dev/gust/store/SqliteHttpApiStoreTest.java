package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.store.HttpApiStore.StoredHttpApi;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteHttpApiStoreTest {

    private static final Account EAST = new Account("111111111111", "us-east-1");
    private static final Account WEST = new Account("222222222222", "eu-west-1");

    @Test
    void keepsApisOfEveryNamespaceAcrossReopening(@TempDir Path dataDir) {
        try (SqliteHttpApiStore store = new SqliteHttpApiStore(dataDir)) {
            store.put(new StoredHttpApi(EAST, "a1b2c3d4e5", "{\"name\":\"one\"}"));
            store.put(new StoredHttpApi(WEST, "z9y8x7w6v5", "{\"name\":\"two\"}"));
        }
        try (SqliteHttpApiStore store = new SqliteHttpApiStore(dataDir)) {
            assertThat(store.all()).containsExactly(new StoredHttpApi(EAST, "a1b2c3d4e5", "{\"name\":\"one\"}"),
                    new StoredHttpApi(WEST, "z9y8x7w6v5", "{\"name\":\"two\"}"));
        }
    }

    @Test
    void replacesTheDocumentOfAnApi(@TempDir Path dataDir) {
        try (SqliteHttpApiStore store = new SqliteHttpApiStore(dataDir)) {
            store.put(new StoredHttpApi(EAST, "a1b2c3d4e5", "{\"name\":\"one\"}"));
            store.put(new StoredHttpApi(EAST, "a1b2c3d4e5", "{\"name\":\"renamed\"}"));

            assertThat(store.all()).extracting(StoredHttpApi::body).containsExactly("{\"name\":\"renamed\"}");
        }
    }

    @Test
    void deletesOnlyTheNamedApi(@TempDir Path dataDir) {
        try (SqliteHttpApiStore store = new SqliteHttpApiStore(dataDir)) {
            store.put(new StoredHttpApi(EAST, "a1b2c3d4e5", "{}"));
            store.put(new StoredHttpApi(EAST, "b1b2c3d4e5", "{}"));

            assertThat(store.delete("a1b2c3d4e5")).isTrue();
            assertThat(store.delete("a1b2c3d4e5")).isFalse();
            assertThat(store.all()).extracting(StoredHttpApi::apiId).containsExactly("b1b2c3d4e5");
        }
    }

    @Test
    void refusesUseAfterClose(@TempDir Path dataDir) {
        SqliteHttpApiStore closed = new SqliteHttpApiStore(dataDir);
        closed.close();

        assertThatThrownBy(closed::all).isInstanceOf(IllegalStateException.class);
    }
}
