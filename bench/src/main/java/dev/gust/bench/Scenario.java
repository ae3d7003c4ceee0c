package dev.gust.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One benchmark scenario: measures something and returns its results as JSON. */
interface Scenario {

    /** The name used on the command line and as the key in {@code results.json}. */
    String name();

    ObjectNode run(BenchContext context) throws Exception;

    /** Whether it runs when no scenario is named; a long one (the soak) runs only when named. */
    default boolean runsByDefault() {
        return true;
    }
}
