package dev.gust.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.sqs.SqsErrors.SqsError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks AWS makes that ElasticMQ does not, made before a request is forwarded so that bad input changes
 * nothing: queue attributes' names and ranges (CreateQueue, SetQueueAttributes), the largest message (1 MiB, AWS's
 * limit since 2025) and the largest batch, and a JSON body that is not an object. Stateless.
 */
final class SqsValidation {

    /** AWS's largest message and batch payload. */
    static final int MAX_MESSAGE_BYTES = 1_048_576;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Integer attributes and their ranges, as AWS's CreateQueue documents them. */
    private static final Map<String, long[]> RANGES = Map.of(
            "DelaySeconds", new long[] {0, 900},
            "MaximumMessageSize", new long[] {1_024, MAX_MESSAGE_BYTES},
            "MessageRetentionPeriod", new long[] {60, 1_209_600},
            "ReceiveMessageWaitTimeSeconds", new long[] {0, 20},
            "VisibilityTimeout", new long[] {0, 43_200},
            "KmsDataKeyReusePeriodSeconds", new long[] {60, 86_400});
    private static final Set<String> BOOLEANS = Set.of("FifoQueue", "ContentBasedDeduplication",
            "SqsManagedSseEnabled");
    private static final Set<String> FREE = Set.of("Policy", "KmsMasterKeyId", "RedriveAllowPolicy");

    private SqsValidation() {
    }

    /** The error AWS would answer {@code request} with before looking at any queue, or empty. */
    static Optional<SqsError> check(SqsRequest request) {
        if (!request.readable()) {
            return Optional.of(new SqsError("InvalidParameterValue", 400,
                    "The request body is not a JSON object."));
        }
        String action = request.action();
        Optional<SqsError> shape = shape(request, action);
        if (shape.isPresent()) {
            return shape;
        }
        if ("CreateQueue".equals(action) || "SetQueueAttributes".equals(action)) {
            for (Map.Entry<String, String> attribute : request.attributes().entrySet()) {
                Optional<SqsError> error = attribute(attribute.getKey(), attribute.getValue());
                if (error.isPresent()) {
                    return error;
                }
            }
        }
        Optional<SqsError> limits = limits(request, action);
        if (limits.isPresent()) {
            return limits;
        }
        if ("SendMessage".equals(action)) {
            String body = request.parameter("MessageBody");
            if (body != null && body.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES) {
                return Optional.of(new SqsError("InvalidParameterValue", 400, "One or more parameters are invalid. "
                        + "Reason: Message must be shorter than " + MAX_MESSAGE_BYTES + " bytes."));
            }
        }
        if ("SendMessageBatch".equals(action)) {
            long total = request.batchBodies().stream().mapToLong(b -> b.getBytes(StandardCharsets.UTF_8).length).sum();
            if (total > MAX_MESSAGE_BYTES) {
                return Optional.of(new SqsError("BatchRequestTooLong", 400, "Batch requests cannot be longer than "
                        + MAX_MESSAGE_BYTES + " bytes. You have sent " + total + " bytes."));
            }
        }
        return Optional.empty();
    }

    /**
     * A required member missing ({@code MissingParameter}), or in JSON a member of the wrong type. In the query
     * protocol only scalar members are checked (a queue's URL may be its path), and a number must read as one.
     */
    private static Optional<SqsError> shape(SqsRequest request, String action) {
        SqsShapes.Input input = SqsShapes.INPUTS.get(action);
        if (input == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, SqsShapes.Type> member : input.members().entrySet()) {
            String name = member.getKey();
            boolean required = input.required().contains(name);
            if (request.json()) {
                JsonNode value = request.member(name);
                if (value == null || value.isNull()) {
                    if (required) {
                        return missing(name);
                    }
                    continue;
                }
                boolean fits = switch (member.getValue()) {
                    case STRING -> value.isTextual();
                    case INTEGER -> value.isIntegralNumber() && value.canConvertToInt();
                    case LIST -> value.isArray();
                    case MAP -> value.isObject();
                };
                if (!fits) {
                    return Optional.of(new SqsError("InvalidParameterValue", 400, "Value for parameter " + name
                            + " is invalid. Reason: it must be a " + member.getValue().name().toLowerCase() + "."));
                }
            } else if (member.getValue() == SqsShapes.Type.STRING || member.getValue() == SqsShapes.Type.INTEGER) {
                String value = request.parameter(name);
                if (value == null) {
                    if (required && !("QueueUrl".equals(name) && request.queueUrlInPath())) {
                        return missing(name);
                    }
                    continue;
                }
                if (member.getValue() == SqsShapes.Type.INTEGER && !isInt(value)) {
                    return Optional.of(new SqsError("InvalidParameterValue", 400, "Value " + value
                            + " for parameter " + name + " is invalid. Reason: it must be an integer."));
                }
            }
        }
        return Optional.empty();
    }

    /** The batch entry type of each batch operation, as the query protocol names its entries. */
    private static final Map<String, String> ENTRY_TYPES = Map.of(
            "SendMessageBatch", "SendMessageBatchRequestEntry",
            "DeleteMessageBatch", "DeleteMessageBatchRequestEntry",
            "ChangeMessageVisibilityBatch", "ChangeMessageVisibilityBatchRequestEntry");
    private static final java.util.regex.Pattern ENTRY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,80}");

    /** The ranges of receive, send and visibility parameters, and the rules of batch entries, worded as AWS. */
    private static Optional<SqsError> limits(SqsRequest request, String action) {
        Optional<SqsError> error = switch (action) {
            case "ReceiveMessage" -> first(
                    range(request.parameter("MaxNumberOfMessages"), "MaxNumberOfMessages", 1, 10,
                            "Must be between 1 and 10, if provided."),
                    range(request.parameter("WaitTimeSeconds"), "WaitTimeSeconds", 0, 20,
                            "Must be >= 0 and <= 20, if provided."),
                    range(request.parameter("VisibilityTimeout"), "VisibilityTimeout", 0, 43_200,
                            "Must be between 0 and 43200, if provided."));
            case "SendMessage" -> first(emptyBody(request.parameter("MessageBody")),
                    range(request.parameter("DelaySeconds"), "DelaySeconds", 0, 900,
                            "DelaySeconds must be >= 0 and <= 900."));
            case "ChangeMessageVisibility" -> range(request.parameter("VisibilityTimeout"), "VisibilityTimeout", 0,
                    43_200, "Must be between 0 and 43200, if provided.");
            default -> Optional.empty();
        };
        if (error.isPresent() || !ENTRY_TYPES.containsKey(action)) {
            return error;
        }
        String entryType = ENTRY_TYPES.get(action);
        List<Map<String, String>> entries = request.entries(entryType);
        if (entries.isEmpty()) {
            return Optional.of(new SqsError("EmptyBatchRequest", 400, "There should be at least one " + entryType
                    + " in the request."));
        }
        if (entries.size() > 10) {
            return Optional.of(new SqsError("TooManyEntriesInBatchRequest", 400,
                    "Maximum number of entries per request are 10. You have sent " + entries.size() + "."));
        }
        Set<String> ids = new java.util.HashSet<>();
        for (Map<String, String> entry : entries) {
            String id = entry.get("Id");
            if (id == null || !ENTRY_ID.matcher(id).matches()) {
                return Optional.of(new SqsError("InvalidBatchEntryId", 400, "A batch entry id can only contain "
                        + "alphanumeric characters, hyphens and underscores. It can be at most 80 letters long."));
            }
            if (!ids.add(id)) {
                return Optional.of(new SqsError("BatchEntryIdsNotDistinct", 400, "Id " + id + " repeated."));
            }
            Optional<SqsError> member = first(
                    range(entry.get("DelaySeconds"), "DelaySeconds", 0, 900, "DelaySeconds must be >= 0 and <= 900."),
                    range(entry.get("VisibilityTimeout"), "VisibilityTimeout", 0, 43_200,
                            "Must be between 0 and 43200, if provided."));
            if (member.isPresent()) {
                return member;
            }
        }
        return Optional.empty();
    }

    @SafeVarargs
    private static Optional<SqsError> first(Optional<SqsError>... errors) {
        for (Optional<SqsError> error : errors) {
            if (error.isPresent()) {
                return error;
            }
        }
        return Optional.empty();
    }

    private static Optional<SqsError> range(String value, String name, long min, long max, String reason) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // worded as out of range, as AWS words a number it cannot read
        }
        return Optional.of(new SqsError("InvalidParameterValue", 400, "Value " + value + " for parameter " + name
                + " is invalid. Reason: " + reason));
    }

    private static Optional<SqsError> emptyBody(String body) {
        return body != null && body.isEmpty() ? missing("MessageBody") : Optional.empty();
    }

    private static Optional<SqsError> missing(String name) {
        return Optional.of(new SqsError("MissingParameter", 400, "The request must contain the parameter " + name
                + "."));
    }

    private static boolean isInt(String value) {
        try {
            Integer.parseInt(value.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Optional<SqsError> attribute(String name, String value) {
        long[] range = RANGES.get(name);
        boolean valid;
        if (range != null) {
            valid = inRange(value, range);
        } else if (BOOLEANS.contains(name)) {
            valid = "true".equals(value) || "false".equals(value);
        } else if ("DeduplicationScope".equals(name)) {
            valid = "messageGroup".equals(value) || "queue".equals(value);
        } else if ("FifoThroughputLimit".equals(name)) {
            valid = "perQueue".equals(value) || "perMessageGroupId".equals(value);
        } else if ("RedrivePolicy".equals(name)) {
            valid = value.isEmpty() || redrivePolicy(value);
        } else if (FREE.contains(name)) {
            valid = true;
        } else {
            return Optional.of(new SqsError("InvalidAttributeName", 400, "Unknown Attribute " + name + "."));
        }
        return valid ? Optional.empty()
                : Optional.of(new SqsError("InvalidAttributeValue", 400, "Invalid value for the parameter " + name
                        + "."));
    }

    private static boolean inRange(String value, long[] range) {
        try {
            long n = Long.parseLong(value.trim());
            return n >= range[0] && n <= range[1];
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A redrive policy names a dead-letter queue's ARN and a {@code maxReceiveCount} from 1 to 1,000. */
    private static boolean redrivePolicy(String value) {
        try {
            JsonNode policy = JSON.readTree(value);
            JsonNode count = policy.path("maxReceiveCount");
            long n = count.isNumber() ? count.asLong() : count.isTextual() ? Long.parseLong(count.asText()) : -1;
            return policy.path("deadLetterTargetArn").asText("").startsWith("arn:") && n >= 1 && n <= 1_000;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
