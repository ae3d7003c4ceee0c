package dev.gust.api.functions;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ARN as Lambda's destination checks read it: {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}, with the
 * region and the account possibly empty (S3 buckets have neither). Immutable.
 */
record ResourceArn(String partition, String service, String region, String accountId, String resource) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    /**
     * An SQS queue's (up to 80 characters) or SNS topic's (up to 256) name: letters, digits, hyphens and underscores,
     * optionally ending in {@code .fifo}.
     */
    private static final Pattern QUEUE_OR_TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    /** The parts of {@code arn}, or empty if it has fewer than six colon-separated parts. */
    static Optional<ResourceArn> parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn")) {
            return Optional.empty();
        }
        return Optional.of(new ResourceArn(parts[1], parts[2], parts[3], parts[4], parts[5]));
    }

    /**
     * Whether this names an SQS queue or an SNS topic by AWS's shape ({@code arn:aws:sqs:us-east-1:123456789012:q}):
     * a region, a twelve-digit account and a plain name (an SNS subscription ARN has one more part, and is not one).
     */
    boolean isQueueOrTopic() {
        return (service.equals("sqs") || service.equals("sns")) && !region.isEmpty()
                && ACCOUNT.matcher(accountId).matches() && QUEUE_OR_TOPIC_NAME.matcher(resource).matches();
    }
}
