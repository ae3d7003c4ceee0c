package dev.gust.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rewrites sandbox paths ({@code /var/task}, {@code /var/runtime}, {@code /opt}) to their host directories in
 * a command and an environment, for running without a sandbox; immutable.
 *
 * <p>Each {@code :}-separated segment of a value that is a mount point or lies below one is rewritten, so
 * {@code PATH} and {@code PYTHONPATH} work; so is the value of an option segment {@code -Dname=/path} (a JVM system
 * property). Paths that scripts compute or hard-code are not rewritten.
 */
final class PathTranslation {

    private final Map<String, String> mounts;

    private PathTranslation(Map<String, String> mounts) {
        this.mounts = mounts;
    }

    /** The translation of a spec's mounts. */
    static PathTranslation of(SandboxSpec spec) {
        Map<String, String> mounts = new LinkedHashMap<>();
        mounts.put("/var/task", spec.taskRoot().toString());
        if (spec.runtimeDir() != null) {
            mounts.put("/var/runtime", spec.runtimeDir().toString());
        }
        if (spec.optDir() != null) {
            mounts.put("/opt", spec.optDir().toString());
        }
        return new PathTranslation(mounts);
    }

    /** Rewrites every element. */
    List<String> translate(List<String> values) {
        return values.stream().map(this::translate).toList();
    }

    /** Rewrites every value. */
    Map<String, String> translate(Map<String, String> environment) {
        return environment.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> translate(entry.getValue())));
    }

    /** Rewrites each {@code :}-separated segment of {@code value}. */
    String translate(String value) {
        String[] segments = value.split(":", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = translateSegment(segments[i]);
        }
        return String.join(":", segments);
    }

    private String translateSegment(String segment) {
        int equals = segment.indexOf('=');
        if (segment.startsWith("-D") && equals > 0) {
            return segment.substring(0, equals + 1) + translatePath(segment.substring(equals + 1));
        }
        return translatePath(segment);
    }

    private String translatePath(String segment) {
        for (Map.Entry<String, String> mount : mounts.entrySet()) {
            String inside = mount.getKey();
            if (segment.equals(inside) || segment.startsWith(inside + "/")) {
                return mount.getValue() + segment.substring(inside.length());
            }
        }
        return segment;
    }
}
