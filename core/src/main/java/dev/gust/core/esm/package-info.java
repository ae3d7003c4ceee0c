/**
 * Lambda's event source mappings: {@link dev.gust.core.esm.EventSourceMapping}, and the two seams between the control
 * plane (the Lambda API, which stores mappings) and the pollers (module {@code event-sources}, which run them):
 * {@link dev.gust.core.esm.EventSourceMappingChanges} (control plane to pollers, after each durable write) and
 * {@link dev.gust.core.esm.EventSourceMappingStates} (pollers to control plane: a transition reached, a batch
 * processed). Pure: no I/O.
 */
package dev.gust.core.esm;
