package dev.gust.apigateway.http;

import dev.gust.store.HttpApiStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An {@link HttpApiStore} in memory, for tests; counts its writes. */
final class MemoryHttpApiStore implements HttpApiStore {

    private final Map<String, StoredHttpApi> apis = new TreeMap<>();
    int writes;

    @Override
    public synchronized List<StoredHttpApi> all() {
        return List.copyOf(apis.values());
    }

    @Override
    public synchronized void put(StoredHttpApi api) {
        writes++;
        apis.put(api.apiId(), api);
    }

    @Override
    public synchronized boolean delete(String apiId) {
        writes++;
        return apis.remove(apiId) != null;
    }

    @Override
    public void close() {
    }
}
