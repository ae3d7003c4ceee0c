package dev.gust.apigateway.http;

import dev.gust.core.Account;
import dev.gust.store.HttpApiStore;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Every HTTP API of every account, in memory and written through to the {@link HttpApiStore}: a change is durable
 * before it is visible. Reads are lock-free ({@link #served} on event loops); writes are serialised and block on
 * the store (worker threads only).
 */
final class HttpApiRegistry {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final HttpApiStore store;
    private final ConcurrentHashMap<String, ServedApi> apis = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private HttpApiRegistry(HttpApiStore store) {
        this.store = store;
    }

    /** The registry over {@code store}, with what it holds loaded and compiled. */
    static HttpApiRegistry load(HttpApiStore store) {
        HttpApiRegistry registry = new HttpApiRegistry(store);
        for (HttpApiStore.StoredHttpApi stored : store.all()) {
            registry.apis.put(stored.apiId(), ServedApi.of(ApiDocuments.read(stored)));
        }
        return registry;
    }

    /** The API {@code apiId} as served, from memory. */
    Optional<ServedApi> served(String apiId) {
        return Optional.ofNullable(apis.get(apiId));
    }

    /** The API {@code apiId} of {@code account}, or {@code NotFoundException}. */
    ApiDefinition require(Account account, String apiId) {
        ServedApi served = apiId == null ? null : apis.get(apiId);
        if (served == null || !served.definition().api().account().equals(account)) {
            throw ApiErrors.noSuchApi(apiId);
        }
        return served.definition();
    }

    /** The APIs of {@code account}, oldest first. */
    List<ApiDefinition> in(Account account) {
        return apis.values().stream().map(ServedApi::definition)
                .filter(definition -> definition.api().account().equals(account))
                .sorted(Comparator.comparing((ApiDefinition d) -> d.api().createdDate())
                        .thenComparing(d -> d.api().apiId()))
                .toList();
    }

    /** Stores {@code definition} (new or changed), then serves it. */
    synchronized ApiDefinition commit(ApiDefinition definition) {
        store.put(ApiDocuments.write(definition));
        apis.put(definition.api().apiId(), ServedApi.of(definition));
        return definition;
    }

    /**
     * Changes the API {@code apiId} of {@code account} with {@code change} (which validates, and throws to change
     * nothing), stores the result, then serves it; changes are serialised, so none is lost.
     */
    synchronized ApiDefinition change(Account account, String apiId, UnaryOperator<ApiDefinition> change) {
        return commit(change.apply(require(account, apiId)));
    }

    /** Deletes the API {@code apiId} from the store, then stops serving it. */
    synchronized void delete(String apiId) {
        store.delete(apiId);
        apis.remove(apiId);
    }

    /** A new API id: 10 lowercase letters and digits, unused in every account. */
    synchronized String newApiId() {
        String id;
        do {
            id = randomId(10);
        } while (apis.containsKey(id));
        return id;
    }

    /** A new id for a route, integration or deployment: 7 lowercase letters and digits. */
    String newId() {
        return randomId(7);
    }

    private String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
