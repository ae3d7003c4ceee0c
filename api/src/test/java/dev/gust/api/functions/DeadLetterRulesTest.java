package dev.gust.api.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import dev.gust.core.ValidationErrors;
import org.junit.jupiter.api.Test;

/** A function's {@code DeadLetterConfig}, checked as Lambda checks it. */
class DeadLetterRulesTest {

    private static final Account ACCOUNT = new Account("123456789012", "eu-west-1");

    @Test
    void acceptsAQueueOrATopicInTheFunctionsRegionOfAnyAccount() {
        assertThat(DeadLetterRules.target(config("arn:aws:sqs:eu-west-1:123456789012:dlq"), ACCOUNT))
                .isEqualTo("arn:aws:sqs:eu-west-1:123456789012:dlq");
        assertThat(DeadLetterRules.target(config("arn:aws:sns:eu-west-1:210987654321:dead-letters"), ACCOUNT))
                .isEqualTo("arn:aws:sns:eu-west-1:210987654321:dead-letters");
        String longTopic = "arn:aws:sns:eu-west-1:123456789012:" + "t".repeat(256); // topic names reach 256
        assertThat(DeadLetterRules.target(config(longTopic), ACCOUNT)).isEqualTo(longTopic);
    }

    @Test
    void anEmptyConfigOrTargetClearsItAndNoConfigKeepsIt() {
        assertThat(DeadLetterRules.target(new WireTypes.DeadLetterConfig(null), ACCOUNT)).isEmpty();
        assertThat(DeadLetterRules.target(config(""), ACCOUNT)).isEmpty();
        assertThat(DeadLetterRules.target(null, ACCOUNT)).isNull();
    }

    @Test
    void refusesAnotherServiceWithAwsMessage() {
        assertRefused("arn:aws:lambda:eu-west-1:123456789012:function:f", "Invalid dead letter queue ARN: The service "
                + "specified by the TargetArn is not supported for dead letter configuration.");
        assertRefused("arn:aws:s3:::bucket", "Invalid dead letter queue ARN: The service "
                + "specified by the TargetArn is not supported for dead letter configuration.");
    }

    @Test
    void refusesAnotherRegionWithAwsMessage() {
        assertRefused("arn:aws:sqs:us-east-1:123456789012:dlq", "Invalid dead letter queue ARN: The resource "
                + "specified by the TargetArn must be in the same region as the Lambda function it's associated with.");
    }

    @Test
    void refusesAQueueArnWithoutAnAccountOrName() {
        assertThatThrownBy(() -> DeadLetterRules.target(config("arn:aws:sqs:eu-west-1::dlq"), ACCOUNT))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> DeadLetterRules.target(config("arn:aws:sns:eu-west-1:123456789012:t:sub-id"),
                ACCOUNT)).isInstanceOf(LambdaException.class);
    }

    @Test
    void theModelPatternIsAValidationError() {
        ValidationErrors errors = new ValidationErrors();

        DeadLetterRules.checkModel(errors, config("not-an-arn"));

        assertThat(errors.message()).hasValue("1 validation error detected: Value 'not-an-arn' at "
                + "'deadLetterConfig.targetArn' failed to satisfy constraint: Member must satisfy regular expression "
                + "pattern: (arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()");
    }

    private static void assertRefused(String arn, String message) {
        assertThatThrownBy(() -> DeadLetterRules.target(config(arn), ACCOUNT))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorType()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static WireTypes.DeadLetterConfig config(String targetArn) {
        return new WireTypes.DeadLetterConfig(targetArn);
    }
}
