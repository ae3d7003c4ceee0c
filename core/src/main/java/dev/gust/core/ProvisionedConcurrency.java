package dev.gust.core;

import java.util.Optional;

/**
 * The engine's provisioned instances as the control plane sees them: how many instances of a function version to
 * keep initialized ahead of invocations, and how far their allocation has come. Keyed by the version (a number),
 * never by an alias: the control plane resolves an alias config to the version(s) it routes to.
 *
 * <p>Implementations are thread-safe and never block: {@link #provision} starts or stops instances in the
 * background.
 */
public interface ProvisionedConcurrency {

    /** Keeps {@code instances} provisioned instances of the version ({@code 0}: none), replacing the previous count. */
    void provision(String functionName, String version, int instances);

    /** How far the version's provisioned instances are allocated now. */
    Allocation allocation(String functionName, String version);

    /**
     * The allocation of one version's provisioned instances.
     *
     * @param requested how many the version should keep
     * @param ready how many are initialized and kept warm now (at most {@code requested})
     * @param failure why an instance could not be initialized since the count was last set, if one could not
     */
    record Allocation(int requested, int ready, Optional<String> failure) {
    }
}
