package dev.gust.api.esm;

import dev.gust.core.LambdaException;
import dev.gust.core.ValidationErrors;
import dev.gust.eventpatterns.EventPatterns;
import dev.gust.eventpatterns.InvalidPatternException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lambda's rules for an SQS event source mapping's settings, with AWS's error types and messages: the API model's
 * constraints ({@code ValidationException}) and the rules Lambda adds ({@code InvalidParameterValueException}).
 * Stateless; pure.
 */
final class MappingRules {

    /** The model's pattern of {@code FunctionName} in the event source mapping operations, as AWS reports it. */
    static final String FUNCTION_NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:\\d{12}:|(((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?))"
            + "(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
    /** The model's pattern of {@code EventSourceArn}, as AWS reports it. */
    static final String ARN_PATTERN = "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1})?:(\\d{12})?:(.*)";
    /** An SQS queue's ARN: region, account, queue name. */
    static final Pattern QUEUE_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:sqs:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_-]{1,80}"
            + "(\\.fifo)?)");
    static final List<String> RESPONSE_TYPES = List.of("ReportBatchItemFailures");
    /** The values of {@code StartingPosition}, in the order AWS's message lists them. */
    static final List<String> STARTING_POSITIONS = List.of("LATEST", "AT_TIMESTAMP", "TRIM_HORIZON");

    static final String UNRECOGNIZED_SOURCE = "Unrecognized event source.";
    static final String NO_FUNCTION = "Function does not exist";
    static final String NO_QUEUE = "Error occurred while ReceiveMessage. SQS Error Code: "
            + "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.";
    static final String BATCH_WINDOW = "Maximum batch window in seconds must be greater than 0 if maximum batch size "
            + "is greater than 10";
    static final String INVALID_FILTER = "Invalid filter pattern definition.";
    static final String UNSUPPORTED_DESTINATION = "Unsupported DestinationConfig parameter for given event source "
            + "mapping type.";

    private static final Pattern FUNCTION_NAME = Pattern.compile(FUNCTION_NAME_PATTERN);
    private static final Pattern ARN = Pattern.compile(ARN_PATTERN);
    private static final int MAX_PATTERN_LENGTH = 4096;

    private MappingRules() {
    }

    /**
     * Checks the members of a Create or Update request against the API model (ranges, lengths, patterns, enums), as
     * AWS does before anything else.
     *
     * @throws LambdaException ValidationException naming every violation
     */
    static void requireModel(MappingWireTypes.MappingRequest request) {
        ValidationErrors errors = new ValidationErrors();
        String function = request.functionName();
        if (function != null && (function.isEmpty() || function.length() > 256)) {
            errors.add(function, "functionName", function.isEmpty() ? "Member must have length greater than or equal "
                    + "to 1" : "Member must have length less than or equal to 256");
        } else if (function != null && !FUNCTION_NAME.matcher(function).matches()) {
            errors.add(function, "functionName", "Member must satisfy regular expression pattern: "
                    + FUNCTION_NAME_PATTERN);
        }
        String arn = request.eventSourceArn();
        if (arn != null && arn.length() > 10_000) {
            errors.add(arn, "eventSourceArn", "Member must have length less than or equal to 10000");
        } else if (arn != null && !arn.isEmpty() && !ARN.matcher(arn).matches()) {
            errors.add(arn, "eventSourceArn", "Member must satisfy regular expression pattern: " + ARN_PATTERN);
        }
        errors.requireRange(request.batchSize(), "batchSize", 1, 10_000);
        errors.requireRange(request.maximumBatchingWindowInSeconds(), "maximumBatchingWindowInSeconds", 0, 300);
        if (request.scalingConfig() != null) {
            errors.requireRange(request.scalingConfig().maximumConcurrency(), "scalingConfig.maximumConcurrency", 2,
                    1000);
        }
        List<String> types = request.functionResponseTypes();
        if (types != null && types.size() > 1) {
            errors.add(types, "functionResponseTypes", "Member must have length less than or equal to 1");
        } else if (types != null && types.stream().anyMatch(type -> !RESPONSE_TYPES.contains(type))) {
            errors.add(types, "functionResponseTypes", "Member must satisfy constraint: [Member must satisfy enum "
                    + "value set: " + RESPONSE_TYPES + "]");
        }
        if (request.startingPosition() != null && !STARTING_POSITIONS.contains(request.startingPosition())) {
            errors.add(request.startingPosition(), "startingPosition", "Member must satisfy enum value set: "
                    + STARTING_POSITIONS);
        }
        errors.throwIfAny();
    }

    /**
     * Lambda's rule on batching: a batch larger than 10 messages needs a batching window.
     *
     * @throws LambdaException InvalidParameterValueException
     */
    static void requireBatching(int batchSize, int maximumBatchingWindowInSeconds) {
        if (batchSize > 10 && maximumBatchingWindowInSeconds == 0) {
            throw LambdaException.invalidParameterValue(BATCH_WINDOW);
        }
    }

    /**
     * The {@code Pattern} strings of {@code FilterCriteria}, each checked as AWS's filter-pattern language; an absent
     * {@code FilterCriteria}, or one without {@code Filters}, has none.
     *
     * @throws LambdaException InvalidParameterValueException "Invalid filter pattern definition." for a missing, too
     *     long or invalid pattern
     */
    static List<String> filterPatterns(MappingWireTypes.FilterCriteriaRequest criteria) {
        if (criteria == null || criteria.filters() == null) {
            return List.of();
        }
        List<String> patterns = new ArrayList<>();
        for (MappingWireTypes.FilterRequest filter : criteria.filters()) {
            if (filter == null || filter.pattern() == null || filter.pattern().length() > MAX_PATTERN_LENGTH) {
                throw LambdaException.invalidParameterValue(INVALID_FILTER);
            }
            patterns.add(filter.pattern());
        }
        try {
            EventPatterns.compile(patterns);
        } catch (InvalidPatternException | RuntimeException invalid) {
            throw LambdaException.invalidParameterValue(INVALID_FILTER);
        }
        return List.copyOf(patterns);
    }

    /**
     * Whether {@code eventSourceArn} names an SQS queue: the only event source Gust runs.
     *
     * @throws LambdaException InvalidParameterValueException "Unrecognized event source." for no ARN or another
     *     service's
     */
    static void requireQueueArn(String eventSourceArn) {
        if (eventSourceArn == null || !QUEUE_ARN.matcher(eventSourceArn).matches()) {
            throw LambdaException.invalidParameterValue(UNRECOGNIZED_SOURCE);
        }
    }

    /**
     * Refuses the members no SQS mapping takes, as AWS does.
     *
     * @throws LambdaException InvalidParameterValueException
     */
    static void requireSqsMembers(MappingWireTypes.MappingRequest request, String eventSourceArn) {
        if (request.destinationConfig() != null && !request.destinationConfig().isNull()) {
            throw LambdaException.invalidParameterValue(UNSUPPORTED_DESTINATION);
        }
        if (request.startingPosition() != null) {
            throw LambdaException.invalidParameterValue("Unsupported starting position for arn type: "
                    + eventSourceArn);
        }
    }
}
