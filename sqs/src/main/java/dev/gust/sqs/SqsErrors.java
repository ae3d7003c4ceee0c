package dev.gust.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.edge.QueryXml;
import io.vertx.core.MultiMap;
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

    /**
     * ElasticMQ's JSON error body ({@code {"Message":...,"__type":"com.amazonaws.sqs#X"}}, with its own
     * {@code x-amzn-query-error}) in AWS's shape; a body that is not such an error is returned as it is.
     */
    static Buffer fromElasticMq(Buffer body, MultiMap headers) {
        try {
            JsonNode error = JSON.readTree(body.getBytes());
            String type = error.path("__type").asText("");
            if (type.isEmpty()) {
                return body;
            }
            String name = type.substring(type.lastIndexOf('#') + 1);
            String message = error.path("message").asText(error.path("Message").asText(""));
            if (message.startsWith("Invalid request: ")) {
                // ElasticMQ's parser failure names its own classes: answered as AWS words a malformed request
                name = "InvalidParameterValue";
                message = "The request is not valid: a member has the wrong type or a required member is missing.";
            }
            SqsError sqs = new SqsError(name, 400, message);
            headers.set("x-amzn-query-error", sqs.queryCode() + ";Sender");
            headers.set("Content-Type", "application/x-amz-json-1.0");
            ObjectNode out = JSON.createObjectNode();
            out.put("__type", "com.amazonaws.sqs#" + name);
            out.put("message", message);
            return Buffer.buffer(out.toString());
        } catch (IOException notJson) {
            return body;
        }
    }
}
