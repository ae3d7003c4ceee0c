package dev.gust.store;

import dev.gust.core.FunctionConfiguration;
import java.util.Map;

/**
 * What the store keeps about one function: its configuration and its tags.
 *
 * @param configuration the function's {@code $LATEST} configuration
 * @param tags the function's tags (an empty map when it has none)
 */
public record FunctionRecord(FunctionConfiguration configuration, Map<String, String> tags) {

    public FunctionRecord {
        tags = Map.copyOf(tags);
    }

    public String functionName() {
        return configuration.functionName();
    }

    public String revisionId() {
        return configuration.revisionId();
    }
}
