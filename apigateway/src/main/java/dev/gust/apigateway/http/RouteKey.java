package dev.gust.apigateway.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed route key of an HTTP API: {@code $default}, or a method ({@code ANY} for every one) and a path whose
 * segments are literals, path variables ({@code {id}}) or, last, a greedy path variable ({@code {proxy+}}). Immutable.
 *
 * @param method the method, {@code ANY}, or {@code null} for {@code $default}
 * @param segments the path's segments ({@code /} has none)
 */
public record RouteKey(String method, List<Segment> segments) {

    /** The catch-all route key. */
    public static final String DEFAULT = "$default";
    /** The methods a route key may name. */
    public static final Set<String> METHODS = Set.of("ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD",
            "OPTIONS");

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9._-]+)(\\+?)}");
    private static final Pattern LITERAL = Pattern.compile("[^{}/]+");

    /** What a path segment of a route matches. Ordered from the most to the least specific. */
    public enum Kind { LITERAL, VARIABLE, GREEDY }

    /** One segment of a route's path: a literal, or a variable's name. */
    public record Segment(Kind kind, String text) {
    }

    public RouteKey {
        segments = List.copyOf(segments);
    }

    /** Whether this is {@code $default}. */
    public boolean isDefault() {
        return method == null;
    }

    /** The route key {@code key}, or empty when it is not valid for an HTTP API. */
    public static Optional<RouteKey> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.equals(DEFAULT)) {
            return Optional.of(new RouteKey(null, List.of()));
        }
        int space = key.indexOf(' ');
        if (space < 0 || !METHODS.contains(key.substring(0, space))) {
            return Optional.empty();
        }
        String path = key.substring(space + 1);
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        List<Segment> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (!path.equals("/")) {
            String[] parts = path.substring(1).split("/", -1);
            for (int i = 0; i < parts.length; i++) {
                Optional<Segment> segment = segment(parts[i], i == parts.length - 1);
                if (segment.isEmpty() || segment.get().kind() != Kind.LITERAL && !names.add(segment.get().text())) {
                    return Optional.empty();
                }
                segments.add(segment.get());
            }
        }
        return Optional.of(new RouteKey(key.substring(0, space), segments));
    }

    private static Optional<Segment> segment(String part, boolean last) {
        var variable = VARIABLE.matcher(part);
        if (variable.matches()) {
            boolean greedy = !variable.group(2).isEmpty();
            if (greedy && !last) {
                return Optional.empty();
            }
            return Optional.of(new Segment(greedy ? Kind.GREEDY : Kind.VARIABLE, variable.group(1)));
        }
        return LITERAL.matcher(part).matches() ? Optional.of(new Segment(Kind.LITERAL, part)) : Optional.empty();
    }

    /** The route's path as its key names it ({@code /items/{id}}), or {@code $default}. */
    public String path() {
        if (isDefault()) {
            return DEFAULT;
        }
        StringBuilder path = new StringBuilder();
        for (Segment segment : segments) {
            path.append('/').append(switch (segment.kind()) {
                case LITERAL -> segment.text();
                case VARIABLE -> "{" + segment.text() + "}";
                case GREEDY -> "{" + segment.text() + "+}";
            });
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    /**
     * Orders route keys from the most specific to the least, as API Gateway picks among the routes a request matches:
     * segment by segment a literal before a path variable before a greedy one, then a method before {@code ANY}.
     */
    static int bySpecificity(RouteKey a, RouteKey b) {
        int common = Math.min(a.segments.size(), b.segments.size());
        for (int i = 0; i < common; i++) {
            int byKind = a.segments.get(i).kind().compareTo(b.segments.get(i).kind());
            if (byKind != 0) {
                return byKind;
            }
        }
        int byLength = Integer.compare(b.segments.size(), a.segments.size());
        if (byLength != 0) {
            return byLength;
        }
        return Boolean.compare(a.method.equals("ANY"), b.method.equals("ANY"));
    }
}
