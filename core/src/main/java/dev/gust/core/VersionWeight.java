package dev.gust.core;

import java.util.Objects;

/**
 * The additional version of an alias and the share of the alias's invocations it receives.
 *
 * @param version a published version number
 * @param weight between 0.0 and 1.0
 */
public record VersionWeight(String version, double weight) {

    public VersionWeight {
        Objects.requireNonNull(version, "version");
        if (!(weight >= 0.0 && weight <= 1.0)) {
            throw new IllegalArgumentException("weight must be within 0.0..1.0: " + weight);
        }
    }
}
