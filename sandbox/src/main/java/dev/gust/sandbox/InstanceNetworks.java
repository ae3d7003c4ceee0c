package dev.gust.sandbox;

import java.io.IOException;
import java.util.Optional;

/**
 * Gives each instance its network: its own namespace ({@link VethNetworks}) or the host's ({@link #host()}).
 * Implementations are thread-safe.
 */
public interface InstanceNetworks {

    /**
     * Opens the network of a new instance.
     *
     * @return the instance's own network, or empty when instances share the host's network
     * @throws IOException when the namespace could not be made
     */
    Optional<InstanceNetwork> open() throws IOException;

    /** Removes an instance's network once every process of the instance has exited; never throws. */
    void close(InstanceNetwork network);

    /** One line for the startup banner and {@code /_gust/health}. */
    String description();

    /** Removes what was made ahead of time (not the instances' networks: their owners close those); idempotent. */
    default void shutdown() {
    }

    /** Whether {@link #open} gives instances their own network (it may then take a few milliseconds). */
    default boolean isolates() {
        return true;
    }

    /** Instances share the host's network namespace: Gust's behaviour before isolation, {@code network: host}. */
    static InstanceNetworks host() {
        return new InstanceNetworks() {
            @Override
            public Optional<InstanceNetwork> open() {
                return Optional.empty();
            }

            @Override
            public void close(InstanceNetwork network) {
            }

            @Override
            public boolean isolates() {
                return false;
            }

            @Override
            public String description() {
                return "host (instances share the host's network and loopback)";
            }
        };
    }
}
