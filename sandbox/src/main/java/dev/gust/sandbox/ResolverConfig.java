package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which {@code resolv.conf} an instance in its own network namespace gets. Its loopback is its own, so a host whose
 * {@code /etc/resolv.conf} names only a resolver on the host's loopback (systemd-resolved's {@code 127.0.0.53}, a
 * local dnsmasq) would leave it without DNS; systemd-resolved writes the upstream servers it uses to
 * {@code /run/systemd/resolve/resolv.conf}, and that file is given instead when it names a server off loopback.
 */
final class ResolverConfig {

    /** systemd-resolved's list of its upstream servers, relative to the root. */
    static final String RESOLVED_UPSTREAM = "run/systemd/resolve/resolv.conf";

    private ResolverConfig() {
    }

    /**
     * The host file to bind at {@code /etc/resolv.conf} in an instance's own network namespace, when the host's own
     * file will not do there; empty when it will (or when nothing better exists).
     *
     * @param root the host's root ({@code /} outside tests)
     */
    static Optional<String> forOwnNetwork(Path root) {
        List<String> hostServers = nameservers(root.resolve("etc/resolv.conf"));
        if (hostServers.isEmpty() || !hostServers.stream().allMatch(ResolverConfig::loopback)) {
            return Optional.empty();
        }
        List<String> upstream = nameservers(root.resolve(RESOLVED_UPSTREAM));
        return upstream.stream().anyMatch(server -> !loopback(server))
                ? Optional.of("/" + RESOLVED_UPSTREAM) : Optional.empty();
    }

    /** The {@code nameserver} addresses of a resolv.conf, none if it cannot be read. */
    static List<String> nameservers(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> line.startsWith("nameserver"))
                    .map(line -> line.substring("nameserver".length()).strip())
                    .filter(address -> !address.isEmpty())
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }
}
