package dev.gust.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a function's asynchronous invocation settings, in ascending qualifier order.
 *
 * @param configs the settings on this page
 * @param nextMarker the marker that fetches the next page; empty on the last page
 */
public record EventInvokeConfigPage(List<EventInvokeConfig> configs, Optional<String> nextMarker) {

    public EventInvokeConfigPage {
        configs = List.copyOf(configs);
    }
}
