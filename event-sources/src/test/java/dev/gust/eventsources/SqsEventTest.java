package dev.gust.eventsources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class SqsEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode resource(String name) throws IOException {
        try (InputStream in = SqsEventTest.class.getResourceAsStream("/events/" + name)) {
            return JSON.readTree(in);
        }
    }

    /** The SDK's message for a recorded record: what ReceiveMessage answered for it. */
    private static Message messageOf(JsonNode record) {
        Map<String, String> attributes = new LinkedHashMap<>();
        record.get("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asText()));
        Map<String, MessageAttributeValue> messageAttributes = new LinkedHashMap<>();
        record.get("messageAttributes").properties().forEach(e -> messageAttributes.put(e.getKey(),
                MessageAttributeValue.builder().stringValue(e.getValue().get("stringValue").asText())
                        .dataType(e.getValue().get("dataType").asText()).build()));
        return Message.builder().messageId(record.get("messageId").asText())
                .receiptHandle(record.get("receiptHandle").asText()).body(record.get("body").asText())
                .attributesWithStrings(attributes).messageAttributes(messageAttributes)
                .md5OfBody(record.get("md5OfBody").asText())
                .md5OfMessageAttributes(record.has("md5OfMessageAttributes")
                        ? record.get("md5OfMessageAttributes").asText() : null)
                .build();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertWritesTheRecordedEvent(String name) throws IOException {
        JsonNode recorded = resource(name);
        JsonNode record = recorded.get("Records").get(0);
        SqsEvent event = new SqsEvent(record.get("eventSourceARN").asText(), record.get("awsRegion").asText());

        JsonNode written = JSON.readTree(event.write(List.of(messageOf(record))));

        assertThat(written).isEqualTo(recorded);
        assertThat(fieldNames(written.get("Records").get(0))).isEqualTo(fieldNames(record));
        assertThat(fieldNames(written.get("Records").get(0).get("attributes")))
                .isEqualTo(fieldNames(record.get("attributes")));
    }

    @Test
    void writesTheSamSampleEventFieldByField() throws IOException {
        assertWritesTheRecordedEvent("sam-sqs-receive-message.json");
    }

    @Test
    void writesTheEventAwsDeliveredForAMessageWithAttributes() throws IOException {
        assertWritesTheRecordedEvent("localstack-sqs-event-with-attributes.json");
    }

    @Test
    void writesFifoAttributesAndBinaryMessageAttributes() throws IOException {
        Message message = Message.builder().messageId("m-1").receiptHandle("r-1").body("b").md5OfBody("x")
                .md5OfMessageAttributes("y")
                .attributes(Map.of(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1",
                        MessageSystemAttributeName.SENT_TIMESTAMP, "1573251510774",
                        MessageSystemAttributeName.SEQUENCE_NUMBER, "18849496460467696128",
                        MessageSystemAttributeName.MESSAGE_GROUP_ID, "1",
                        MessageSystemAttributeName.SENDER_ID, "AIDAIO23YVJENQZJOL4VO",
                        MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID, "1",
                        MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, "1573251510774"))
                .messageAttributes(Map.of("bin", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromUtf8String("hi")).build()))
                .build();

        JsonNode record = JSON.readTree(new SqsEvent("arn:aws:sqs:us-east-2:123456789012:q.fifo", "us-east-2")
                .write(List.of(message))).get("Records").get(0);

        assertThat(fieldNames(record.get("attributes"))).containsExactly("ApproximateReceiveCount", "SentTimestamp",
                "SequenceNumber", "MessageGroupId", "SenderId", "MessageDeduplicationId",
                "ApproximateFirstReceiveTimestamp");
        assertThat(record.get("messageAttributes").get("bin")).isEqualTo(JSON.readTree(
                "{\"binaryValue\":\"aGk=\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"Binary\"}"));
        assertThat(record.get("md5OfMessageAttributes").asText()).isEqualTo("y");
    }
}
