package dev.gust.eventsources;

import dev.gust.core.esm.EventSourceMappingStates;
import java.util.ArrayList;
import java.util.List;

/** Records what the pollers report, in order. */
final class FakeStates implements EventSourceMappingStates {

    private final List<String> settled = new ArrayList<>();
    private final List<String> processed = new ArrayList<>();

    @Override
    public synchronized void settled(String uuid, String from) {
        settled.add(uuid + ":" + from);
    }

    @Override
    public synchronized void processed(String uuid, String lastProcessingResult) {
        processed.add(lastProcessingResult);
    }

    synchronized List<String> settled() {
        return List.copyOf(settled);
    }

    synchronized List<String> processed() {
        return List.copyOf(processed);
    }
}
