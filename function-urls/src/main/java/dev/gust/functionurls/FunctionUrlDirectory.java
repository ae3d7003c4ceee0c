package dev.gust.functionurls;

import dev.gust.core.urls.FunctionUrlChanges;
import dev.gust.core.urls.FunctionUrlConfig;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every function URL of every namespace, in memory by id: what the data plane looks a request's URL up in, without
 * touching storage. Loaded from the store at startup, then kept current by the control plane through
 * {@link FunctionUrlChanges} after each durable change. Thread-safe; lookups never block.
 */
public final class FunctionUrlDirectory implements FunctionUrlChanges {

    private final Map<String, FunctionUrlConfig> byId = new ConcurrentHashMap<>();

    /** Adds the stored URLs (at startup, before requests are served). */
    public void load(Collection<FunctionUrlConfig> stored) {
        stored.forEach(this::put);
    }

    /** The URL with id {@code urlId}, if there is one. */
    public Optional<FunctionUrlConfig> find(String urlId) {
        return Optional.ofNullable(byId.get(urlId));
    }

    @Override
    public void put(FunctionUrlConfig config) {
        byId.put(config.urlId(), config);
    }

    @Override
    public void removed(String urlId) {
        byId.remove(urlId);
    }
}
