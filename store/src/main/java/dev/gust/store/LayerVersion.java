package dev.gust.store;

import dev.gust.core.CodePackage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One published version of a layer, as stored. Immutable except for its policy, which the store replaces.
 *
 * @param layerName the layer's name
 * @param version the version number, from 1, never reused within a layer
 * @param description the version's description ({@code ""} when none was given)
 * @param compatibleRuntimes runtime ids, in the order given; {@code null} when none were given (AWS then omits
 *     the member, where an empty list given is reported as {@code []})
 * @param compatibleArchitectures architectures, in the order given; {@code null} when none were given
 * @param licenseInfo the license text, or {@code null}
 * @param code the layer's package in the code store
 * @param createdDate when the version was published
 * @param policy its resource policy, empty when it has none
 */
public record LayerVersion(
        String layerName,
        long version,
        String description,
        List<String> compatibleRuntimes,
        List<String> compatibleArchitectures,
        String licenseInfo,
        CodePackage code,
        Instant createdDate,
        Optional<LayerPolicy> policy) {

    public LayerVersion {
        Objects.requireNonNull(layerName, "layerName");
        Objects.requireNonNull(description, "description");
        compatibleRuntimes = compatibleRuntimes == null ? null : List.copyOf(compatibleRuntimes);
        compatibleArchitectures = compatibleArchitectures == null ? null : List.copyOf(compatibleArchitectures);
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(createdDate, "createdDate");
        Objects.requireNonNull(policy, "policy");
    }

    /** The same version with another policy. */
    public LayerVersion withPolicy(Optional<LayerPolicy> newPolicy) {
        return new LayerVersion(layerName, version, description, compatibleRuntimes, compatibleArchitectures,
                licenseInfo, code, createdDate, newPolicy);
    }
}
