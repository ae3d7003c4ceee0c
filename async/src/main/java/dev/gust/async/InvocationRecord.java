package dev.gust.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.store.QueuedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The invocation record Lambda sends to a destination when an asynchronous invocation ends, field for field:
 *
 * <pre>{"version":"1.0","timestamp":"2019-11-24T23:08:25.651Z",
 *  "requestContext":{"requestId":"…","functionArn":"…:function:f:$LATEST","condition":"RetriesExhausted",
 *                    "approximateInvokeCount":3},
 *  "requestPayload":{…},
 *  "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
 *  "responsePayload":{…}}</pre>
 *
 * <p>{@code responseContext} and {@code responsePayload} describe the last attempt and are absent when none ran.
 * Payloads are embedded as JSON, or as a JSON string when they are not JSON.
 */
final class InvocationRecord {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Always three fraction digits, as Lambda writes it: {@code 2019-11-24T23:08:25.651Z}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private InvocationRecord() {
    }

    /**
     * @param functionArn the qualified ARN of the function that ran
     * @param invokeCount how many times the function ran for this event
     * @param last the last attempt's result, or {@code null} if it never ran
     */
    static byte[] of(QueuedEvent event, String functionArn, Condition condition, int invokeCount,
            InvocationResult last, Instant at) {
        ObjectNode record = MAPPER.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", TIMESTAMP.format(at));
        ObjectNode context = record.putObject("requestContext");
        context.put("requestId", event.requestId());
        context.put("functionArn", functionArn);
        context.put("condition", condition.wireName());
        context.put("approximateInvokeCount", invokeCount);
        record.set("requestPayload", json(event.payload()));
        if (last != null) {
            ObjectNode response = record.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", last.executedVersion());
            if (last.functionError() != null) {
                response.put("functionError", last.functionError());
            }
            record.set("responsePayload", json(last.payload()));
        }
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an invocation record", e);
        }
    }

    private static JsonNode json(byte[] payload) {
        try {
            JsonNode node = MAPPER.readTree(payload);
            return node == null || node.isMissingNode() ? TextNode.valueOf("") : node;
        } catch (IOException e) {
            return TextNode.valueOf(new String(payload, StandardCharsets.UTF_8));
        }
    }
}
