package dev.gust.store;

import java.util.List;

/**
 * The durable state of API Gateway REST APIs in every namespace: {@link RestApiRow}s keyed by namespace, API id, kind
 * and name. The owner keeps every API in memory and writes through this store; a write is durable when it returns.
 * Implementations are thread-safe; they check nothing about the documents.
 */
public interface RestApiStore extends AutoCloseable {

    /** Every stored row of every namespace, ordered by API id, kind and name: what the owner loads at startup. */
    List<RestApiRow> all();

    /** Stores {@code rows} (each replacing the row with its key) in one transaction. */
    void put(List<RestApiRow> rows);

    /** Deletes every row of the API {@code apiId} (its definition and its deployments) in one transaction. */
    void deleteApi(String apiId);

    @Override
    void close();
}
