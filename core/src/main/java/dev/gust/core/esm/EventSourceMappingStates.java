package dev.gust.core.esm;

/**
 * The seam through which the pollers report back to the control plane, which stores what they report (durably, off
 * the caller's thread) and answers it in {@code GetEventSourceMapping}. Implementations are thread-safe and never
 * block.
 */
public interface EventSourceMappingStates {

    /**
     * The pollers finished a transition of mapping {@code uuid}: {@code Creating}/{@code Enabling}/{@code Updating}
     * reached {@code Enabled}, {@code Disabling} reached {@code Disabled}, or {@code Deleting} finished (the control
     * plane then removes the mapping).
     *
     * @param from the state the transition left
     */
    void settled(String uuid, String from);

    /** A batch of mapping {@code uuid} was processed: {@code OK}, or a {@code PROBLEM: ...} message. */
    void processed(String uuid, String lastProcessingResult);
}
