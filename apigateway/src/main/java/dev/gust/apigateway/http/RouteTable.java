package dev.gust.apigateway.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of one deployment, compiled for matching requests: ordered by API Gateway's precedence (the most
 * specific path first, a method before {@code ANY}), with {@code $default} as the catch-all. Immutable and
 * thread-safe; matching touches no storage.
 */
public final class RouteTable {

    private final List<Compiled> routes;
    private final Route catchAll;

    private record Compiled(RouteKey key, Route route) {
    }

    /**
     * The route a request matched and the values of its path variables (decoded).
     *
     * @param pathParameters the variables' values, empty for a route without variables
     */
    public record Match(Route route, RouteKey key, Map<String, String> pathParameters) {
    }

    private RouteTable(List<Compiled> routes, Route catchAll) {
        this.routes = routes;
        this.catchAll = catchAll;
    }

    /** The table of {@code routes}; a route whose key does not parse is left out. */
    public static RouteTable of(Collection<Route> routes) {
        List<Compiled> compiled = new ArrayList<>();
        Route catchAll = null;
        for (Route route : routes) {
            Optional<RouteKey> key = RouteKey.parse(route.routeKey());
            if (key.isEmpty()) {
                continue;
            }
            if (key.get().isDefault()) {
                catchAll = route;
            } else {
                compiled.add(new Compiled(key.get(), route));
            }
        }
        compiled.sort((a, b) -> RouteKey.bySpecificity(a.key(), b.key()));
        return new RouteTable(List.copyOf(compiled), catchAll);
    }

    /**
     * The route for {@code method} and {@code rawPath} (the path after the stage, percent-encoding kept), or empty
     * when none matches and there is no {@code $default} route.
     */
    public Optional<Match> match(String method, String rawPath) {
        List<String> segments = segments(rawPath);
        for (Compiled candidate : routes) {
            String routeMethod = candidate.key().method();
            if (!routeMethod.equals("ANY") && !routeMethod.equals(method)) {
                continue;
            }
            Map<String, String> parameters = bind(candidate.key(), segments);
            if (parameters != null) {
                return Optional.of(new Match(candidate.route(), candidate.key(), parameters));
            }
        }
        return catchAll == null ? Optional.empty()
                : Optional.of(new Match(catchAll, RouteKey.parse(RouteKey.DEFAULT).orElseThrow(), Map.of()));
    }

    /** The variables' values when {@code key}'s path matches {@code segments}, else {@code null}. */
    private static Map<String, String> bind(RouteKey key, List<String> segments) {
        List<RouteKey.Segment> pattern = key.segments();
        Map<String, String> parameters = null;
        for (int i = 0; i < pattern.size(); i++) {
            RouteKey.Segment segment = pattern.get(i);
            if (segment.kind() == RouteKey.Kind.GREEDY) {
                if (i >= segments.size() || segments.subList(i, segments.size()).stream().allMatch(String::isEmpty)) {
                    return null;
                }
                parameters = parameters == null ? new HashMap<>() : parameters;
                parameters.put(segment.text(), decode(String.join("/", segments.subList(i, segments.size()))));
                return parameters;
            }
            if (i >= segments.size()) {
                return null;
            }
            String value = segments.get(i);
            if (segment.kind() == RouteKey.Kind.LITERAL) {
                if (!segment.text().equals(value) && !segment.text().equals(decode(value))) {
                    return null;
                }
            } else {
                if (value.isEmpty()) {
                    return null;
                }
                parameters = parameters == null ? new HashMap<>() : parameters;
                parameters.put(segment.text(), decode(value));
            }
        }
        if (pattern.size() != segments.size()) {
            return null;
        }
        return parameters == null ? Map.of() : parameters;
    }

    private static List<String> segments(String rawPath) {
        if (rawPath.isEmpty() || rawPath.equals("/")) {
            return List.of();
        }
        return List.of((rawPath.startsWith("/") ? rawPath.substring(1) : rawPath).split("/", -1));
    }

    /** Percent-decodes {@code raw} as UTF-8 ({@code +} stays {@code +} in a path); a malformed escape stays as sent. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }
}
