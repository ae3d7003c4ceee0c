package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteRestApiStoreTest {

    private static final Account HOME = new Account("000000000000", "us-east-1");
    private static final Account OTHER = new Account("111111111111", "eu-west-1");

    @Test
    void keepsRowsOfEveryNamespaceAcrossReopening(@TempDir Path dataDir) {
        try (SqliteRestApiStore store = new SqliteRestApiStore(dataDir)) {
            store.put(List.of(new RestApiRow(HOME, "a1", RestApiRow.API, "a1", "{\"v\":1}"),
                    new RestApiRow(HOME, "a1", RestApiRow.DEPLOYMENT, "d1", "{}")));
            store.put(List.of(new RestApiRow(OTHER, "b2", RestApiRow.API, "b2", "{}")));
        }
        try (SqliteRestApiStore store = new SqliteRestApiStore(dataDir)) {
            assertThat(store.all()).containsExactly(new RestApiRow(HOME, "a1", RestApiRow.API, "a1", "{\"v\":1}"),
                    new RestApiRow(HOME, "a1", RestApiRow.DEPLOYMENT, "d1", "{}"),
                    new RestApiRow(OTHER, "b2", RestApiRow.API, "b2", "{}"));
        }
    }

    @Test
    void replacesARowWithTheSameKey(@TempDir Path dataDir) {
        try (SqliteRestApiStore store = new SqliteRestApiStore(dataDir)) {
            store.put(List.of(new RestApiRow(HOME, "a1", RestApiRow.API, "a1", "{\"v\":1}")));
            store.put(List.of(new RestApiRow(HOME, "a1", RestApiRow.API, "a1", "{\"v\":2}")));

            assertThat(store.all()).extracting(RestApiRow::body).containsExactly("{\"v\":2}");
        }
    }

    @Test
    void deletingAnApiDeletesItsDeploymentsAndNothingElse(@TempDir Path dataDir) {
        try (SqliteRestApiStore store = new SqliteRestApiStore(dataDir)) {
            store.put(List.of(new RestApiRow(HOME, "a1", RestApiRow.API, "a1", "{}"),
                    new RestApiRow(HOME, "a1", RestApiRow.DEPLOYMENT, "d1", "{}"),
                    new RestApiRow(OTHER, "b2", RestApiRow.API, "b2", "{}")));

            store.deleteApi("a1");

            assertThat(store.all()).extracting(RestApiRow::apiId).containsExactly("b2");
        }
    }

    @Test
    void refusesUseAfterClose(@TempDir Path dataDir) {
        SqliteRestApiStore closed = new SqliteRestApiStore(dataDir);
        closed.close();

        assertThatThrownBy(closed::all).isInstanceOf(IllegalStateException.class);
    }
}
