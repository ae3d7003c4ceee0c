package dev.gust.eventsources;

/**
 * An SQS queue's ARN, {@code arn:PARTITION:sqs:REGION:ACCOUNT:NAME}, in its parts.
 *
 * @param arn the whole ARN
 * @param region the queue's region
 * @param accountId the queue owner's account
 * @param queueName the queue's name ({@code .fifo} for a FIFO queue)
 */
record QueueArn(String arn, String region, String accountId, String queueName) {

    /**
     * Reads {@code arn}.
     *
     * @throws IllegalArgumentException when it is not an SQS queue's ARN
     */
    static QueueArn parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("sqs") || parts[5].isEmpty()) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + arn);
        }
        return new QueueArn(arn, parts[3], parts[4], parts[5]);
    }

    /** Whether the queue is a FIFO queue. */
    boolean fifo() {
        return queueName.endsWith(".fifo");
    }
}
