package dev.gust.edge;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections each client address holds open, capped: one client (a runaway script, or a function that
 * opens connections in a loop) cannot take every descriptor of the server and starve everyone else.
 *
 * <p>A client is an IP address. Entries go when a client's last connection closes, so the map holds only clients with
 * open connections. Thread-safe; one map operation per connection opened or closed, nothing per request.
 */
final class ClientConnections {

    private final int maxPerClient;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    /** @param maxPerClient how many connections one address may hold open at once; at least 1 */
    ClientConnections(int maxPerClient) {
        if (maxPerClient < 1) {
            throw new IllegalArgumentException("maxPerClient must be at least 1, got " + maxPerClient);
        }
        this.maxPerClient = maxPerClient;
    }

    /** Counts a new connection from {@code client}; false (and nothing counted) when it already holds the maximum. */
    boolean admit(String client) {
        boolean[] admitted = {false};
        open.compute(client, (address, count) -> {
            AtomicInteger counted = count == null ? new AtomicInteger() : count;
            if (counted.get() < maxPerClient) {
                counted.incrementAndGet();
                admitted[0] = true;
            }
            return counted.get() == 0 ? null : counted;
        });
        return admitted[0];
    }

    /** Forgets one connection of {@code client}, admitted earlier. */
    void release(String client) {
        open.computeIfPresent(client, (address, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /** How many connections {@code client} holds open now. */
    int openBy(String client) {
        AtomicInteger count = open.get(client);
        return count == null ? 0 : count.get();
    }

    /** How many clients hold connections open now. */
    int clients() {
        return open.size();
    }
}
