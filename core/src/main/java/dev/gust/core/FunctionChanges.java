package dev.gust.core;

/**
 * Told when a function's stored configuration or code changes or the function is deleted, after the change is
 * durable: how the engine drops cached configuration and drains instances of the old version.
 */
@FunctionalInterface
public interface FunctionChanges {

    void changed(String functionName);

    /** The function was deleted (after {@link #changed}): whatever else belongs to it can go. */
    default void deleted(String functionName) {
    }

    /** A published version was deleted: its instances can go. */
    default void versionDeleted(String functionName, String version) {
    }

    /** An alias was created, updated or deleted: where it routes may have changed. */
    default void aliasChanged(String functionName, String aliasName) {
    }
}
