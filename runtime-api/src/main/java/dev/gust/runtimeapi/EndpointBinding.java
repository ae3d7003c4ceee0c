package dev.gust.runtimeapi;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where one instance's endpoint listens and whom it admits; immutable.
 *
 * @param host the address to listen on, on a port the kernel picks
 * @param runtimeUid the host uid of the instance's processes when they share the host's network: connections owned by
 *     another user are closed unread; empty to skip that check
 * @param runtimeAddress the instance's own address when it has its own network namespace: connections from any other
 *     address are closed unread; empty to skip that check
 * @param edgeUrl the edge's URL ({@code http://host:port}) to relay to from {@code host} ({@link EdgeRelay}), for an
 *     instance that cannot reach the edge's own listener; empty for none
 */
public record EndpointBinding(String host, OptionalInt runtimeUid, Optional<String> runtimeAddress,
        Optional<String> edgeUrl) {

    /** Requires every component. */
    public EndpointBinding {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(runtimeUid, "runtimeUid");
        Objects.requireNonNull(runtimeAddress, "runtimeAddress");
        Objects.requireNonNull(edgeUrl, "edgeUrl");
        edgeUrl.ifPresent(EndpointBinding::edge);
    }

    /** On {@value RuntimeApiEndpoints#LOOPBACK}, shared by instances in the host's network; see {@link #runtimeUid()}. */
    public static EndpointBinding loopback(OptionalInt runtimeUid) {
        return new EndpointBinding(RuntimeApiEndpoints.LOOPBACK, runtimeUid, Optional.empty(), Optional.empty());
    }

    /**
     * On an isolated instance's gateway address, admitting only the instance's own address, with a relay to the edge.
     */
    public static EndpointBinding isolated(String gatewayAddress, String instanceAddress, String edgeUrl) {
        return new EndpointBinding(gatewayAddress, OptionalInt.empty(), Optional.of(instanceAddress),
                Optional.of(edgeUrl));
    }

    /** The edge's host and port from its URL. */
    static URI edge(String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("the edge URL needs a host and a port: " + url);
        }
        return uri;
    }
}
