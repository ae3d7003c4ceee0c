package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour of queues and topics, run as written with bash, the real AWS CLI and boto3 against a real server:
 * 1,000 messages through an event source mapping with partial batch failures redriven to a dead-letter queue, and a
 * topic fanning out to a queue and to a function whose result reaches its SQS destination.
 */
class QueuesReadmeIT {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void aThousandMessagesAreProcessedTheBadOnesRedrivenAndATopicFansOut() throws Exception {
        List<String> blocks = ReadmeShell.section("## Queues and topics (SQS, SNS)");
        assertThat(blocks).hasSize(5);
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(String.join("\n", blocks));

            String output = result.output();
            assertThat(result.exitCode()).as(output).isZero();
            assertThat(output).contains("\"QueueUrl\": \"" + gust.endpoint() + "/000000000000/jobs\"")
                    .contains("sent 1000 messages")
                    .containsPattern("\"ApproximateNumberOfMessagesNotVisible\": \"0\"")
                    .containsPattern("\"ApproximateNumberOfMessages\": \"0\"")
                    .containsPattern("\"ApproximateNumberOfMessages\": \"10\"")
                    .contains("\n{\"order\": 42}\n")
                    .contains("\"condition\":\"Success\"")
                    .contains("\"responsePayload\":{\"notified\":\"{\\\"order\\\": 42}\"}");
        }
    }
}
