package dev.gust.eventsources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * A function's partial batch response ({@code {"batchItemFailures": [{"itemIdentifier": "id"}]}}) read by Lambda's
 * rules for {@code ReportBatchItemFailures}. The batch succeeds whole when the response is empty, {@code null},
 * {@code {}}, or its {@code batchItemFailures} is {@code null} or empty; it fails whole when the response is not
 * JSON, or an entry's {@code itemIdentifier} is missing, {@code null}, empty, not a string, or not the id of a
 * message of the batch. Stateless and thread-safe.
 */
final class BatchItemFailures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BatchItemFailures() {
    }

    /**
     * The ids of the messages that failed, by the function's response {@code payload}: none, some, or every id of the
     * batch.
     *
     * @param batchIds the message ids of the batch, which the answer is a subset of
     */
    static Set<String> failed(byte[] payload, Set<String> batchIds) {
        JsonNode response;
        try {
            response = payload.length == 0 ? null : JSON.readTree(payload);
        } catch (IOException notJson) {
            return batchIds;
        }
        if (response == null || response.isNull() || response.isMissingNode()) {
            return Set.of();
        }
        if (!response.isObject()) {
            return batchIds;
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return Set.of();
        }
        if (!failures.isArray()) {
            return batchIds;
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || !batchIds.contains(id.asText())) {
                return batchIds;
            }
            failed.add(id.asText());
        }
        return failed;
    }
}
