package dev.gust.server;

/**
 * Where code inside a function reaches Gust's edge: the {@code AWS_ENDPOINT_URL} of every instance. Functions share
 * the host's network, so it is the API listener's own address, with a wildcard address replaced by loopback. The one
 * place that decides it: network isolation will change it. Stateless.
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
