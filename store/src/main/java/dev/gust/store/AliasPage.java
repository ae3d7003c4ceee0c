package dev.gust.store;

import dev.gust.core.Alias;
import java.util.List;
import java.util.Optional;

/**
 * One page of an alias listing, in ascending alias-name order.
 *
 * @param aliases the aliases on this page
 * @param nextMarker the marker that fetches the next page; empty on the last page
 */
public record AliasPage(List<Alias> aliases, Optional<String> nextMarker) {

    public AliasPage {
        aliases = List.copyOf(aliases);
    }
}
