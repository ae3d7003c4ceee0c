package dev.gust.engine;

import dev.gust.core.Account;
import dev.gust.core.FunctionChanges;
import dev.gust.core.ProvisionedConcurrency;

/**
 * The {@link Engine} as the control plane of one namespace (an account and a region) sees it: told of that
 * namespace's function changes, and keeping its functions' provisioned instances. Function names are that
 * namespace's. Thread-safe, as the engine.
 */
public final class EngineNamespace implements FunctionChanges, ProvisionedConcurrency {

    private final Engine engine;
    private final Account account;

    EngineNamespace(Engine engine, Account account) {
        this.engine = engine;
        this.account = account;
    }

    /** {@code $LATEST} changed: its instances drain; published versions keep theirs. */
    @Override
    public void changed(String functionName) {
        engine.changed(account, functionName);
    }

    @Override
    public void deleted(String functionName) {
        engine.deleted(account, functionName);
    }

    @Override
    public void versionDeleted(String functionName, String version) {
        engine.versionDeleted(account, functionName, version);
    }

    @Override
    public void aliasChanged(String functionName, String aliasName) {
        engine.aliasChanged(account, functionName, aliasName);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Holds the function's total provisioned count in {@link ConcurrencyLimits} at once, and loads the version's
     * pool (from the store, in the background) to start its instances. The version must be a published one.
     */
    @Override
    public void provision(String functionName, String version, int instances) {
        engine.provision(account, functionName, version, instances);
    }

    @Override
    public Allocation allocation(String functionName, String version) {
        return engine.allocation(account, functionName, version);
    }
}
