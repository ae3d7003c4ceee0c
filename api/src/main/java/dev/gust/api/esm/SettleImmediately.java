package dev.gust.api.esm;

import dev.gust.core.esm.EventSourceMapping;
import dev.gust.core.esm.EventSourceMappingChanges;
import dev.gust.core.esm.EventSourceMappingStates;

/**
 * The pollers' stand-in where none run: it reports every transition settled as soon as it hears of it, so mappings
 * reach {@code Enabled}, {@code Disabled} or go away as they would with pollers, but nothing polls. The composition
 * root uses it only when no poller is wired. Thread-safe; never blocks ({@link MappingStates} writes off the caller's
 * thread).
 */
public final class SettleImmediately implements EventSourceMappingChanges {

    private final EventSourceMappingStates states;

    public SettleImmediately(EventSourceMappingStates states) {
        this.states = states;
    }

    @Override
    public void put(EventSourceMapping mapping) {
        if (MappingStates.settledState(mapping.state()) != null
                || mapping.state().equals(EventSourceMapping.STATE_DELETING)) {
            states.settled(mapping.uuid(), mapping.state());
        }
    }

    @Override
    public void removed(String uuid) {
        // nothing polls
    }
}
