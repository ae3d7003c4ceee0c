package dev.gust.server;

/**
 * Where Gust's edge is reached from the host: the API listener's own address, with a wildcard address replaced by
 * loopback. Instances in the host's network get it as {@code AWS_ENDPOINT_URL}; an isolated instance's edge relay
 * connects to it (the instance itself gets the relay's address on its gateway). Stateless.
 */
final class FunctionEndpoint {

    private FunctionEndpoint() {
    }

    /**
     * The URL of the listener bound to {@code host} and {@code port}, as seen from an instance.
     *
     * @param host the listen address setting: an IPv4 or IPv6 address or a host name; {@code 0.0.0.0} and {@code ::}
     *     (every address) are reached at {@code 127.0.0.1}
     * @param port the port actually bound
     */
    static String url(String host, int port) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String reachable = switch (bare) {
            case "0.0.0.0", "::", "0:0:0:0:0:0:0:0" -> "127.0.0.1";
            default -> bare.contains(":") ? "[" + bare + "]" : bare;
        };
        return "http://" + reachable + ":" + port;
    }
}
