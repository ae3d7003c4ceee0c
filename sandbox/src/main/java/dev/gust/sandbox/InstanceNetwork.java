package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The network namespace of one instance and the point-to-point link that is its only way out; immutable.
 *
 * <p>Inside, the instance has its own loopback and {@code eth0} at {@link #instanceAddress()}, with a default route
 * to {@link #gatewayAddress()}, the host's end of the link. Gust listens on the gateway address for what the instance
 * may reach on the host (its Runtime API, the edge); everything else leaves through the host's routing and NAT.
 *
 * @param name the namespace's name ({@code /run/netns/<name>}), also the host end's interface name
 * @param gatewayAddress the host end's IPv4 address
 * @param instanceAddress the instance end's IPv4 address
 */
public record InstanceNetwork(String name, String gatewayAddress, String instanceAddress) {

    /** Requires every component. */
    public InstanceNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(gatewayAddress, "gatewayAddress");
        Objects.requireNonNull(instanceAddress, "instanceAddress");
    }

    /** The bind mount that keeps the namespace alive, which {@code nsenter --net=} joins. */
    public Path namespacePath() {
        return Path.of("/run/netns", name);
    }
}
