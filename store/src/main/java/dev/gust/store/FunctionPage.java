package dev.gust.store;

import java.util.List;
import java.util.Optional;

/**
 * One page of a function listing, in ascending function-name order.
 *
 * @param functions the functions on this page
 * @param nextMarker the marker that fetches the next page; empty on the last page
 */
public record FunctionPage(List<FunctionRecord> functions, Optional<String> nextMarker) {

    public FunctionPage {
        functions = List.copyOf(functions);
    }
}
