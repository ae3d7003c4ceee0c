package dev.gust.api.esm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The request bodies of the event source mapping operations, as the wire carries them (UpperCamelCase members). */
final class MappingWireTypes {

    private MappingWireTypes() {
    }

    /**
     * The body of CreateEventSourceMapping and UpdateEventSourceMapping: the members an SQS mapping uses, and those of
     * other event sources that Gust refuses for an SQS mapping as AWS does ({@code StartingPosition},
     * {@code DestinationConfig}). Other members are ignored.
     */
    record MappingRequest(String functionName, String eventSourceArn, Boolean enabled, Integer batchSize,
            Integer maximumBatchingWindowInSeconds, FilterCriteriaRequest filterCriteria,
            ScalingConfigRequest scalingConfig, List<String> functionResponseTypes, String startingPosition,
            JsonNode destinationConfig) {
    }

    /** The {@code FilterCriteria} member: {@code {"Filters": [{"Pattern": "..."}]}}. */
    record FilterCriteriaRequest(List<FilterRequest> filters) {
    }

    /** One filter: its {@code Pattern}, a JSON document as a string. */
    record FilterRequest(String pattern) {
    }

    /** The {@code ScalingConfig} member; {@code {}} removes the setting. */
    record ScalingConfigRequest(Integer maximumConcurrency) {
    }
}
