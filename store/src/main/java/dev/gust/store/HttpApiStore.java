package dev.gust.store;

import dev.gust.core.Account;
import java.util.List;
import java.util.Objects;

/**
 * The stored API Gateway HTTP APIs: one document per API, written whole on every change. API ids are unique across
 * every account and region, so the store is global; each API still records the namespace it lives in.
 *
 * <p>Implementations are thread-safe; every write is durable when it returns.
 */
public interface HttpApiStore extends AutoCloseable {

    /**
     * One stored API.
     *
     * @param account the account and region that own the API
     * @param apiId the API's id
     * @param body the owner's JSON document of the API (its routes, integrations, stages, deployments)
     */
    record StoredHttpApi(Account account, String apiId, String body) {

        public StoredHttpApi {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(apiId, "apiId");
            Objects.requireNonNull(body, "body");
        }
    }

    /** Every stored API of every namespace, by id. */
    List<StoredHttpApi> all();

    /** Stores {@code api}, replacing the document of the API with its id. */
    void put(StoredHttpApi api);

    /** Deletes the API {@code apiId}; whether it existed. */
    boolean delete(String apiId);

    @Override
    void close();
}
