package dev.gust.apigateway.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.edge.EdgeException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LambdaUriTest {

    private static final String PREFIX = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/";

    @Test
    void namesTheFunctionItsArnNamesWithItsQualifier() {
        LambdaUri.Target target = LambdaUri.target(PREFIX
                + "arn:aws:lambda:eu-west-1:123456789012:function:orders:live/invocations", Map.of()).orElseThrow();

        assertThat(target.account()).isEqualTo(new Account("123456789012", "eu-west-1"));
        assertThat(target.functionName()).isEqualTo("orders");
        assertThat(target.qualifier()).contains("live");
    }

    @Test
    void resolvesStageVariablesInTheFunctionArn() {
        String uri = PREFIX + "arn:aws:lambda:eu-west-1:123456789012:function:${stageVariables.fn}/invocations";

        assertThatCode(() -> LambdaUri.validate(uri)).doesNotThrowAnyException();
        assertThat(LambdaUri.target(uri, Map.of("fn", "orders"))).map(LambdaUri.Target::functionName)
                .contains("orders");
        assertThat(LambdaUri.target(uri, Map.of())).isEmpty();
    }

    @Test
    void refusesWhatIsNotALambdaInvocationUriWithAwsMessages() {
        assertMessage("arn:aws:lambda:us-east-1:000000000000:function:f", "Invalid ARN specified in the request");
        assertMessage("https://example.com/", "Invalid ARN specified in the request");
        assertMessage("arn:aws:apigateway:us-east-1:lambda:functions/x", "AWS ARN for integration must contain path"
                + " or action");
        assertMessage("arn:aws:apigateway:us-east-1:firehose:action/PutRecord", "Integrations of type 'AWS_PROXY'"
                + " currently only supports Lambda function and Firehose stream invocations.");
        assertMessage(PREFIX + "arn:aws:lambda:nowhere:000000000000:function:f/invocations", "Integrations of type"
                + " 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
        assertThat(LambdaUri.target("arn:aws:apigateway:us-east-1:s3:path/b", Map.of())).isEqualTo(Optional.empty());
    }

    private static void assertMessage(String uri, String message) {
        assertThatThrownBy(() -> LambdaUri.validate(uri)).as(uri).isInstanceOf(EdgeException.class)
                .hasMessage(message);
    }
}
