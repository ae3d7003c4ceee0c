package dev.gust.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.messaging.MessageAttribute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why an event went to its function's dead-letter queue, as Lambda tells it in the message attributes that go with
 * the original event: {@code RequestID} (String), {@code ErrorCode} (Number: the three-digit status of the last
 * attempt, {@code 200} for a function error) and {@code ErrorMessage} (String, at most 1 KB).
 *
 * @param errorCode the status of the last attempt
 * @param errorMessage what went wrong, at most {@link #MAX_MESSAGE_BYTES} bytes of UTF-8
 */
record DeadLetter(int errorCode, String errorMessage) {

    /** Lambda truncates {@code ErrorMessage} to 1 KB. */
    static final int MAX_MESSAGE_BYTES = 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    DeadLetter {
        errorMessage = truncate(errorMessage);
    }

    /** A function error: status 200, and the {@code errorMessage} of the function's error payload. */
    static DeadLetter functionError(InvocationResult result) {
        return new DeadLetter(200, errorMessageOf(result.payload()));
    }

    /** A refusal (a throttle: 429) or a system error (500; no internal detail leaves the server). */
    static DeadLetter failure(Throwable failure) {
        if (failure instanceof LambdaException e) {
            return new DeadLetter(e.status(), e.getMessage());
        }
        return new DeadLetter(500, "An internal error prevented the invocation.");
    }

    /** An event discarded before any answer was seen for it (it grew too old while it waited). */
    static DeadLetter discarded(Condition condition) {
        return new DeadLetter(500, condition.wireName());
    }

    /** The message attributes, by name, in Lambda's order. */
    Map<String, MessageAttribute> attributes(String requestId) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        attributes.put("RequestID", MessageAttribute.string(requestId));
        attributes.put("ErrorCode", new MessageAttribute("Number", Integer.toString(errorCode), null));
        attributes.put("ErrorMessage", MessageAttribute.string(errorMessage));
        return attributes;
    }

    private static String errorMessageOf(byte[] payload) {
        try {
            JsonNode node = MAPPER.readTree(payload);
            if (node != null && node.path("errorMessage").isTextual()) {
                return node.get("errorMessage").asText();
            }
        } catch (IOException e) {
            // not JSON: the payload itself is the message
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** At most {@link #MAX_MESSAGE_BYTES} bytes of UTF-8, never splitting a character. */
    private static String truncate(String message) {
        String text = message == null || message.isEmpty() ? "Unknown error" : message;
        if (text.length() * 3 <= MAX_MESSAGE_BYTES || text.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES) {
            return text;
        }
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > MAX_MESSAGE_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }
}
