package dev.gust.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.edge.QueryXml;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.Map;

/**
 * SQS's errors as AWS writes them in each protocol. Query: {@code <ErrorResponse><Error><Type>Sender</Type>
 * <Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message/><Detail/></Error><RequestId/></ErrorResponse>}.
 * JSON 1.0: {@code {"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":...}} with the query protocol's code in
 * {@code x-amzn-query-error: AWS.SimpleQueueService.NonExistentQueue;Sender}, from which the SDKs that are
 * query-compatible take the error code. Also puts ElasticMQ's JSON errors into that shape. Stateless.
 */
final class SqsErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XMLNS = "http://queue.amazonaws.com/doc/2012-11-05/";
    /** The JSON error types whose query code differs from their name (AWS's model, {@code awsQueryError}). */
    private static final Map<String, String> QUERY_CODES = Map.ofEntries(
            Map.entry("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"),
            Map.entry("QueueNameExists", "QueueAlreadyExists"),
            Map.entry("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"),
            Map.entry("BatchRequestTooLong", "AWS.SimpleQueueService.BatchRequestTooLong"),
            Map.entry("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest"),
            Map.entry("InvalidBatchEntryId", "AWS.SimpleQueueService.InvalidBatchEntryId"),
            Map.entry("MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight"),
            Map.entry("PurgeQueueInProgress", "AWS.SimpleQueueService.PurgeQueueInProgress"),
            Map.entry("QueueDeletedRecently", "AWS.SimpleQueueService.QueueDeletedRecently"),
            Map.entry("TooManyEntriesInBatchRequest", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"),
            Map.entry("UnsupportedOperation", "AWS.SimpleQueueService.UnsupportedOperation"));

    private SqsErrors() {
    }

    /** One SQS error: its JSON type (the model's shape name), its query code, status and message. */
    record SqsError(String type, int status, String message) {

        /** The query protocol's code of the error. */
        String queryCode() {
            return QUERY_CODES.getOrDefault(type, type);
        }
    }

    /** Writes {@code error} in the request's protocol. */
    static void send(HttpServerResponse response, boolean json, SqsError error, String requestId) {
        response.setStatusCode(error.status());
        if (json) {
            ObjectNode body = JSON.createObjectNode();
            body.put("__type", "com.amazonaws.sqs#" + error.type());
            body.put("message", error.message());
            response.putHeader("Content-Type", "application/x-amz-json-1.0")
                    .putHeader("x-amzn-query-error", error.queryCode() + ";Sender")
                    .end(body.toString());
        } else {
            response.putHeader("Content-Type", "text/xml").end("<?xml version=\"1.0\"?><ErrorResponse xmlns=\""
                    + XMLNS + "\"><Error><Type>Sender</Type><Code>" + QueryXml.escape(error.queryCode())
                    + "</Code><Message>" + QueryXml.escape(error.message()) + "</Message><Detail/></Error><RequestId>"
                    + QueryXml.escape(requestId) + "</RequestId></ErrorResponse>");
        }
    }

    private static final java.util.regex.Pattern XML_CODE = java.util.regex.Pattern.compile("<Code>([^<]*)</Code>");
    private static final java.util.regex.Pattern XML_MESSAGE =
            java.util.regex.Pattern.compile("<Message>([^<]*)</Message>");
    /** What Pekko HTTP answers when ElasticMQ's request parsing throws (a member of a wrong type deep in a body). */
    private static final String UNHANDLED = "There was an internal server error.";

    /**
     * ElasticMQ's error in AWS's shape for the request's protocol: its code and message kept, except where ElasticMQ
     * names its own parser's classes or failed to parse a member (then {@code InvalidParameterValue}).
     *
     * @return the error to answer, or empty if {@code body} is not one of ElasticMQ's errors
     */
    static java.util.Optional<SqsError> ofElasticMq(int status, Buffer body) {
        String text = body.toString(java.nio.charset.StandardCharsets.UTF_8);
        if (status >= 500 && text.contains(UNHANDLED)) {
            return java.util.Optional.of(malformed());
        }
        String code;
        String message;
        if (text.startsWith("{")) {
            try {
                JsonNode error = JSON.readTree(text);
                String type = error.path("__type").asText("");
                code = type.substring(type.lastIndexOf('#') + 1);
                message = error.path("message").asText(error.path("Message").asText(""));
            } catch (IOException notJson) {
                return java.util.Optional.empty();
            }
        } else {
            var c = XML_CODE.matcher(text);
            var m = XML_MESSAGE.matcher(text);
            if (!c.find()) {
                return java.util.Optional.empty();
            }
            code = c.group(1);
            message = m.find() ? unescape(m.group(1)) : "";
            for (Map.Entry<String, String> known : QUERY_CODES.entrySet()) {
                if (known.getValue().equals(code)) {
                    code = known.getKey();
                }
            }
        }
        if (code.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (message.startsWith("Invalid request:")) {
            return java.util.Optional.of(malformed());
        }
        if ("InvalidAttributeName".equals(code) && (message.startsWith("Can only include")
                || message.startsWith("The name of a FIFO queue"))) {
            code = "InvalidParameterValue"; // AWS's code for a bad queue name; ElasticMQ calls it an attribute's
        }
        return java.util.Optional.of(new SqsError(code, status >= 500 ? 400 : status, message));
    }

    private static SqsError malformed() {
        return new SqsError("InvalidParameterValue", 400,
                "The request is not valid: a member has the wrong type or an invalid encoding.");
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
