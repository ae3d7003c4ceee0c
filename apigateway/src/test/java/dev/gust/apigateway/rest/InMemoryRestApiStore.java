package dev.gust.apigateway.rest;

import dev.gust.store.RestApiRow;
import dev.gust.store.RestApiStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link RestApiStore} in memory, for tests: rows by API id, kind and name. Thread-safe. */
final class InMemoryRestApiStore implements RestApiStore {

    private final Map<String, RestApiRow> rows = new TreeMap<>();
    /** How many writes it took, to prove that a refused request wrote nothing. */
    int writes;

    @Override
    public synchronized List<RestApiRow> all() {
        List<RestApiRow> all = new ArrayList<>(rows.values());
        all.sort(Comparator.comparing(RestApiRow::apiId).thenComparing(RestApiRow::kind).thenComparing(RestApiRow::name));
        return all;
    }

    @Override
    public synchronized void put(List<RestApiRow> put) {
        writes++;
        put.forEach(row -> rows.put(row.apiId() + "/" + row.kind() + "/" + row.name(), row));
    }

    @Override
    public synchronized void deleteApi(String apiId) {
        writes++;
        rows.values().removeIf(row -> row.apiId().equals(apiId));
    }

    @Override
    public void close() {
    }
}
