package dev.gust.apigateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.Account;
import dev.gust.store.RestApiRow;
import dev.gust.store.RestApiStore;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Every REST API of every namespace, in memory and written through to a {@link RestApiStore}: the control plane
 * changes them one at a time (under one lock; a change is durable before it is visible), the data plane reads them
 * without locking or storage ({@link #find}). An edit that throws changes nothing. Thread-safe.
 */
final class RestApiRegistry {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final RestApiStore store;
    private final Map<String, HostedApi> apis = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    private RestApiRegistry(RestApiStore store) {
        this.store = store;
    }

    /** The registry of what {@code store} holds. */
    static RestApiRegistry load(RestApiStore store) {
        RestApiRegistry registry = new RestApiRegistry(store);
        Map<String, RestApi> definitions = new LinkedHashMap<>();
        Map<String, Map<String, Deployment>> deployments = new HashMap<>();
        for (RestApiRow row : store.all()) {
            if (RestApiRow.API.equals(row.kind())) {
                definitions.put(row.apiId(), read(row.body(), RestApi.class));
            } else if (RestApiRow.DEPLOYMENT.equals(row.kind())) {
                deployments.computeIfAbsent(row.apiId(), id -> new LinkedHashMap<>())
                        .put(row.name(), read(row.body(), Deployment.class));
            }
        }
        definitions.forEach((id, api) -> {
            Map<String, Deployment> byId = new LinkedHashMap<>();
            deployments.getOrDefault(id, Map.of()).values().stream()
                    .sorted(Comparator.comparingLong(Deployment::createdDate))
                    .forEach(deployment -> byId.put(deployment.id(), deployment));
            registry.apis.put(id, HostedApi.of(api, byId, Map.of(), Map.of()));
        });
        return registry;
    }

    /** The API {@code apiId} in whatever namespace, for the data plane. */
    Optional<HostedApi> find(String apiId) {
        return Optional.ofNullable(apis.get(apiId));
    }

    /** The API {@code apiId} of {@code account}; {@code NotFoundException} when that namespace has none. */
    HostedApi require(Account account, String apiId) {
        HostedApi api = apiId == null ? null : apis.get(apiId);
        if (api == null || !api.api().account().equals(account)) {
            throw RestApiErrors.unknownApi(account.accountId(), apiId);
        }
        return api;
    }

    /** The APIs of {@code account}, oldest first. */
    List<RestApi> in(Account account) {
        List<RestApi> found = new ArrayList<>();
        for (HostedApi api : apis.values()) {
            if (api.api().account().equals(account)) {
                found.add(api.api());
            }
        }
        found.sort(Comparator.comparingLong(RestApi::createdDate).thenComparing(RestApi::id));
        return found;
    }

    /** Every API id in use, for making a new one. */
    Set<String> ids() {
        return apis.keySet();
    }

    /** Adds {@code api} (a new id), durably. */
    HostedApi add(HostedApi api) {
        lock.lock();
        try {
            if (apis.containsKey(api.api().id())) {
                throw new IllegalStateException("API id in use: " + api.api().id());
            }
            store.put(List.of(row(api.api())));
            apis.put(api.api().id(), api);
            return api;
        } finally {
            lock.unlock();
        }
    }

    /** Changes the API {@code apiId} of {@code account} by {@code edit} (which may throw to change nothing). */
    HostedApi change(Account account, String apiId, UnaryOperator<HostedApi> edit) {
        lock.lock();
        try {
            HostedApi before = require(account, apiId);
            HostedApi after = edit.apply(before);
            List<RestApiRow> rows = new ArrayList<>();
            rows.add(row(after.api()));
            for (Deployment deployment : after.deployments().values()) {
                if (!before.deployments().containsKey(deployment.id())) {
                    rows.add(new RestApiRow(account, apiId, RestApiRow.DEPLOYMENT, deployment.id(), write(deployment)));
                }
            }
            store.put(rows);
            apis.put(apiId, after);
            return after;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the API {@code apiId} of {@code account} with its deployments. */
    void delete(Account account, String apiId) {
        lock.lock();
        try {
            require(account, apiId);
            store.deleteApi(apiId);
            apis.remove(apiId);
        } finally {
            lock.unlock();
        }
    }

    private static RestApiRow row(RestApi api) {
        return new RestApiRow(api.account(), api.id(), RestApiRow.API, api.id(), write(api));
    }

    private static String write(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
