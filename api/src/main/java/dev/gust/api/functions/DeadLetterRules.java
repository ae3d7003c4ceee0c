package dev.gust.api.functions;

import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import dev.gust.core.ValidationErrors;

/**
 * A function's {@code DeadLetterConfig} as Lambda checks it (CreateFunction, UpdateFunctionConfiguration): the model's
 * pattern, then an SQS queue or an SNS topic in the function's region. Whether the queue or topic exists is not
 * checked, as AWS does not: a message that cannot be delivered is logged when the event is discarded. Stateless.
 */
final class DeadLetterRules {

    /** The model's pattern of {@code DeadLetterConfig.TargetArn} ({@code ResourceArn}; the empty string clears it). */
    static final String TARGET_PATTERN = "(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()";
    private static final String INVALID = "Invalid dead letter queue ARN: ";

    private DeadLetterRules() {
    }

    /** The model constraints, recorded in {@code errors}. */
    static void checkModel(ValidationErrors errors, WireTypes.DeadLetterConfig deadLetter) {
        if (deadLetter != null) {
            errors.requirePattern(deadLetter.targetArn(), "deadLetterConfig.targetArn", TARGET_PATTERN)
                    .requireMaxLength(deadLetter.targetArn(), "deadLetterConfig.targetArn", 10_000);
        }
    }

    /**
     * The target to store, after Lambda's service rules: {@code null} if the request sets none (the current one
     * stays), the empty string if it clears it ({@code DeadLetterConfig: {}} or an empty {@code TargetArn}).
     *
     * @throws LambdaException {@code InvalidParameterValueException} for a target of another service or region
     */
    static String target(WireTypes.DeadLetterConfig deadLetter, Account account) {
        if (deadLetter == null) {
            return null;
        }
        String arn = deadLetter.targetArn();
        if (arn == null || arn.isEmpty()) {
            return "";
        }
        ResourceArn target = ResourceArn.parse(arn).orElse(null);
        if (target == null || !(target.service().equals("sqs") || target.service().equals("sns"))) {
            throw LambdaException.invalidParameterValue(INVALID
                    + "The service specified by the TargetArn is not supported for dead letter configuration.");
        }
        if (!target.region().equals(account.region())) {
            throw LambdaException.invalidParameterValue(INVALID + "The resource specified by the TargetArn must be "
                    + "in the same region as the Lambda function it's associated with.");
        }
        if (!target.isQueueOrTopic()) {
            throw LambdaException.invalidParameterValue(INVALID + "The TargetArn " + arn
                    + " does not name an SQS queue (arn:aws:sqs:REGION:ACCOUNT:NAME) or an SNS topic "
                    + "(arn:aws:sns:REGION:ACCOUNT:NAME).");
        }
        return arn;
    }
}
