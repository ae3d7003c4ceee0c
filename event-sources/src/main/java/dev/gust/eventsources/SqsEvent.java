package dev.gust.eventsources;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The event that Lambda sends a function for a batch of SQS messages: {@code {"Records": [...]}}, each record with
 * AWS's fields in AWS's order ({@code messageId}, {@code receiptHandle}, {@code body}, {@code attributes},
 * {@code messageAttributes}, {@code md5OfMessageAttributes} when the message has attributes, {@code md5OfBody},
 * {@code eventSource}, {@code eventSourceARN}, {@code awsRegion}). Written with Jackson's streaming generator straight
 * into bytes: no tree per message. Stateless and thread-safe.
 */
final class SqsEvent {

    /** The system attributes a record carries, in the order AWS writes them; absent ones are left out. */
    private static final List<MessageSystemAttributeName> ATTRIBUTES = List.of(
            MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, MessageSystemAttributeName.AWS_TRACE_HEADER,
            MessageSystemAttributeName.SENT_TIMESTAMP, MessageSystemAttributeName.SEQUENCE_NUMBER,
            MessageSystemAttributeName.MESSAGE_GROUP_ID, MessageSystemAttributeName.SENDER_ID,
            MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
            MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP);

    private static final JsonFactory JSON = new JsonFactory();

    private final String eventSourceArn;
    private final String region;

    /**
     * @param eventSourceArn the queue's ARN, as every record names it
     * @param region the queue's region ({@code awsRegion})
     */
    SqsEvent(String eventSourceArn, String region) {
        this.eventSourceArn = eventSourceArn;
        this.region = region;
    }

    /** The event for {@code messages}, in their order, as UTF-8 JSON. */
    byte[] write(List<Message> messages) {
        int estimate = 64;
        for (Message message : messages) {
            estimate += 700 + (message.body() == null ? 0 : message.body().length());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimate);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (Message message : messages) {
                record(json, message);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void record(JsonGenerator json, Message message) throws IOException {
        json.writeStartObject();
        json.writeStringField("messageId", message.messageId());
        json.writeStringField("receiptHandle", message.receiptHandle());
        json.writeStringField("body", message.body());
        json.writeObjectFieldStart("attributes");
        Map<MessageSystemAttributeName, String> attributes = message.attributes();
        for (MessageSystemAttributeName name : ATTRIBUTES) {
            String value = attributes.get(name);
            if (value != null) {
                json.writeStringField(name.toString(), value);
            }
        }
        json.writeEndObject();
        json.writeObjectFieldStart("messageAttributes");
        for (Map.Entry<String, MessageAttributeValue> attribute : message.messageAttributes().entrySet()) {
            json.writeFieldName(attribute.getKey());
            messageAttribute(json, attribute.getValue());
        }
        json.writeEndObject();
        if (!message.messageAttributes().isEmpty() && message.md5OfMessageAttributes() != null) {
            json.writeStringField("md5OfMessageAttributes", message.md5OfMessageAttributes());
        }
        json.writeStringField("md5OfBody", message.md5OfBody());
        json.writeStringField("eventSource", "aws:sqs");
        json.writeStringField("eventSourceARN", eventSourceArn);
        json.writeStringField("awsRegion", region);
        json.writeEndObject();
    }

    private static void messageAttribute(JsonGenerator json, MessageAttributeValue value) throws IOException {
        json.writeStartObject();
        if (value.stringValue() != null) {
            json.writeStringField("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            json.writeStringField("binaryValue", base64(value.binaryValue()));
        }
        json.writeArrayFieldStart("stringListValues");
        for (String item : value.stringListValues()) {
            json.writeString(item);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("binaryListValues");
        for (SdkBytes item : value.binaryListValues()) {
            json.writeString(base64(item));
        }
        json.writeEndArray();
        json.writeStringField("dataType", value.dataType());
        json.writeEndObject();
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }
}
