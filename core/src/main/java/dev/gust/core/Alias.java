package dev.gust.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A function alias: a name that points at one version of a function ({@code FunctionVersion}) and, optionally,
 * sends a share of the invocations to one other version ({@code RoutingConfig.AdditionalVersionWeights}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param functionName the function's bare name
 * @param name the alias name, never a number
 * @param functionVersion the version the alias points at: a version number or {@code $LATEST}
 * @param description the alias's description ({@code ""} when none)
 * @param additionalVersion the other version and the share of invocations it receives, if the alias splits traffic
 * @param revisionId changes on every update of the alias
 */
public record Alias(String functionName, String name, String functionVersion, String description,
        Optional<VersionWeight> additionalVersion, String revisionId) {

    public Alias {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(functionVersion, "functionVersion");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(additionalVersion, "additionalVersion");
        Objects.requireNonNull(revisionId, "revisionId");
    }

    /**
     * The version that one invocation of this alias runs.
     *
     * @param draw a uniformly distributed number in {@code [0, 1)}, one per invocation
     * @return the additional version when {@code draw} falls below its weight, else {@link #functionVersion()}
     */
    public String pick(double draw) {
        return additionalVersion.filter(v -> draw < v.weight()).map(VersionWeight::version).orElse(functionVersion);
    }

    /** Whether an invocation may run {@code version} through this alias. */
    public boolean references(String version) {
        return functionVersion.equals(version) || additionalVersion.map(v -> v.version().equals(version)).orElse(false);
    }
}
