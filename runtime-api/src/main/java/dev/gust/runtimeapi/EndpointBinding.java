package dev.gust.runtimeapi;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *     instance that cannot reach the edge's own listener; empty for none. Only with a {@code runtimeAddress}, the only
 *     source the relay serves
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
        if (edgeUrl.isPresent() && runtimeAddress.isEmpty()) {
            throw new IllegalArgumentException("an edge relay serves the instance's own address only: give one");
        }
    }

    /** On {@value RuntimeApiEndpoints#LOOPBACK}, shared by instances in the host's network; see {@link #runtimeUid()}. */
    public static EndpointBinding loopback(OptionalInt runtimeUid) {
        return new EndpointBinding(RuntimeApiEndpoints.LOOPBACK, runtimeUid, Optional.empty(), Optional.empty());
    }

    /**
     * On {@value RuntimeApiEndpoints#LOOPBACK}, for instances that all run as this process's own host user (Gust not
     * root, or {@code --sandbox=none}): connections of every other host user are closed unread. Processes of Gust's own
     * user, other instances among them, are not told apart (see {@code docs/design/sandbox.md}).
     *
     * @throws IllegalStateException when {@code /proc/self/status} cannot be read
     */
    public static EndpointBinding loopbackForThisUser() {
        try {
            int uid = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .mapToInt(line -> Integer.parseInt(line.substring(4).trim().split("\\s+")[1]))
                    .findFirst().orElseThrow();
            return loopback(OptionalInt.of(uid));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read this process's uid from /proc/self/status: " + e, e);
        }
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
