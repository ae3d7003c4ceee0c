package dev.gust.sns;

import dev.gust.core.Account;
import dev.gust.edge.Caller;
import dev.gust.store.SqliteSnsStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** SNS's action handlers over a real store in a folder, called as the service calls them, without Vert.x. */
final class SnsActionsHarness implements AutoCloseable {

    static final Account HOME = Account.defaults();

    final SqliteSnsStore store;
    final SnsRegistry registry;
    final Publisher publisher;
    private final Map<String, SnsService.Handler> handlers = new HashMap<>();

    SnsActionsHarness(Path dir, InstantSource clock) {
        store = new SqliteSnsStore(dir);
        registry = SnsRegistry.load(store);
        publisher = new Publisher(registry, store, clock, () -> { }, Runnable::run);
        SnsService.Registry actions = handlers::put;
        TopicActions topics = new TopicActions(registry);
        topics.register(actions);
        new SubscriptionActions(registry, topics, publisher).register(actions);
        new PublishActions(topics, publisher).register(actions);
        new TagActions(registry).register(actions);
    }

    /** The registered actions' names. */
    java.util.Set<String> actions() {
        return handlers.keySet();
    }

    /** Calls {@code action} with the parameters given as name, value, name, value...; its XML. */
    String call(String action, String... parameters) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            map.put(parameters[i], parameters[i + 1]);
        }
        return call(action, map);
    }

    String call(String action, Map<String, String> parameters) {
        return handlers.get(action).handle(new SnsRequest(Caller.accountRoot(HOME.accountId(), "AKIDTEST"), HOME,
                new SnsParameters(parameters), "request-1"));
    }

    /** The text of the first element {@code name} of {@code xml}. */
    static String element(String xml, String name) {
        int start = xml.indexOf("<" + name + ">");
        return start < 0 ? null : xml.substring(start + name.length() + 2, xml.indexOf("</" + name + ">", start));
    }

    @Override
    public void close() {
        store.close();
    }
}
