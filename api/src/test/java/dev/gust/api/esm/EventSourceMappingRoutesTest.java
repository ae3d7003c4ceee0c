package dev.gust.api.esm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import dev.gust.core.esm.EventSourceMapping;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shape of an SQS mapping in Lambda's answers: AWS's members, as recorded, and nothing else. */
class EventSourceMappingRoutesTest {

    private static final Account ACCOUNT = new Account("111111111111", "eu-west-1");
    private static final String UUID = "6f1b4c2e-1d7a-4c1e-9a8e-3b2d1c0f9e8d";

    private static EventSourceMapping mapping(Integer concurrency, List<String> patterns, String result) {
        return new EventSourceMapping(UUID, ACCOUNT, "arn:aws:sqs:eu-west-1:111111111111:orders",
                ACCOUNT.functionArn("worker"), "Enabled", "USER_INITIATED", 10, 0, concurrency, List.of(), patterns,
                Instant.parse("2019-09-24T00:22:00.333Z"), result);
    }

    @Test
    void showsAnSqsMappingsMembersInTheRecordedOrderWithLastModifiedInEpochSeconds() {
        assertThat(EventSourceMappingRoutes.json(mapping(null, List.of(), "No records processed")).toString())
                .isEqualTo("{\"BatchSize\":10,\"EventSourceArn\":\"arn:aws:sqs:eu-west-1:111111111111:orders\","
                        + "\"EventSourceMappingArn\":\"arn:aws:lambda:eu-west-1:111111111111:event-source-mapping:"
                        + UUID + "\",\"FunctionArn\":\"arn:aws:lambda:eu-west-1:111111111111:function:worker\","
                        + "\"FunctionResponseTypes\":[],\"LastModified\":1569284520.333,"
                        + "\"MaximumBatchingWindowInSeconds\":0,\"State\":\"Enabled\","
                        + "\"StateTransitionReason\":\"USER_INITIATED\",\"UUID\":\"" + UUID + "\"}");
    }

    @Test
    void showsFiltersScalingAndOnlyAProblemAsLastProcessingResult() {
        String shown = EventSourceMappingRoutes.json(mapping(5, List.of("{\"body\":{\"a\":[1]}}"),
                "PROBLEM: Function not found.")).toString();

        assertThat(shown).contains("\"FilterCriteria\":{\"Filters\":[{\"Pattern\":\"{\\\"body\\\":{\\\"a\\\":[1]}}\"}]}")
                .contains("\"LastProcessingResult\":\"PROBLEM: Function not found.\"")
                .contains("\"ScalingConfig\":{\"MaximumConcurrency\":5}");
        assertThat(EventSourceMappingRoutes.json(mapping(null, List.of(), "OK")).has("LastProcessingResult"))
                .isFalse();
    }
}
