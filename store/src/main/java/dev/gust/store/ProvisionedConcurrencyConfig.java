package dev.gust.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A provisioned concurrency config as stored: how many instances one version or alias of a function keeps
 * initialized ({@code RequestedProvisionedConcurrentExecutions}) and when that was last set. Immutable.
 *
 * @param qualifier a version number or an alias name, never {@code $LATEST}
 * @param requested at least 1
 */
public record ProvisionedConcurrencyConfig(String functionName, String qualifier, int requested,
        Instant lastModified) {

    public ProvisionedConcurrencyConfig {
        Objects.requireNonNull(functionName);
        Objects.requireNonNull(qualifier);
        Objects.requireNonNull(lastModified);
        if (requested < 1) {
            throw new IllegalArgumentException("provisioned concurrency must be >= 1: " + requested);
        }
    }
}
