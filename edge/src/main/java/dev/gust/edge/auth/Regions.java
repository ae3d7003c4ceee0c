package dev.gust.edge.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The regions AWS has (commercial, China and GovCloud), read once from the resource {@code regions.txt}: a
 * credential scope must name one of them. Immutable.
 */
public final class Regions {

    private static final Set<String> AWS = load();

    private Regions() {
    }

    /** Whether AWS has a region of that name, such as {@code us-east-1}, {@code cn-north-1} or {@code us-gov-west-1}. */
    public static boolean exists(String region) {
        return AWS.contains(region);
    }

    /** Every region AWS has, as the test that a credential scope must pass. */
    public static Predicate<String> ofAws() {
        return Regions::exists;
    }

    private static Set<String> load() {
        try (InputStream in = Regions.class.getResourceAsStream("regions.txt")) {
            if (in == null) {
                throw new IllegalStateException("regions.txt is missing from the edge's resources");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
