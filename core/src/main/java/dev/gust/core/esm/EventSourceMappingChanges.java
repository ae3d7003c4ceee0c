package dev.gust.core.esm;

/**
 * The seam through which the control plane tells the pollers that a mapping was created, changed (updated, enabled,
 * disabled, being deleted) or removed, after the change is durable. The pollers start, reconfigure or stop from these
 * alone. Implementations are thread-safe and never block.
 */
public interface EventSourceMappingChanges {

    /** {@code mapping} was created or changed; its {@link EventSourceMapping#state()} says what the pollers do. */
    void put(EventSourceMapping mapping);

    /** The mapping {@code uuid} is gone: its pollers stop. */
    void removed(String uuid);
}
