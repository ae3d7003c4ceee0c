package dev.gust.apigateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LambdaTargetTest {

    private static final Account ACCOUNT = new Account("123456789012", "us-east-1");

    @Test
    void readsAFunctionArn() {
        assertThat(LambdaTarget.parse("arn:aws:lambda:us-east-1:123456789012:function:hello", Map.of()))
                .contains(new LambdaTarget(ACCOUNT, "hello", Optional.empty()));
    }

    @Test
    void readsAQualifiedFunctionArnAndTakesLatestAsUnqualified() {
        assertThat(LambdaTarget.parse("arn:aws:lambda:us-east-1:123456789012:function:hello:live", Map.of()))
                .contains(new LambdaTarget(ACCOUNT, "hello", Optional.of("live")));
        assertThat(LambdaTarget.parse("arn:aws:lambda:us-east-1:123456789012:function:hello:$LATEST", Map.of()))
                .contains(new LambdaTarget(ACCOUNT, "hello", Optional.empty()));
    }

    @Test
    void readsApiGatewaysInvocationUri() {
        String uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                + "arn:aws:lambda:us-east-1:123456789012:function:hello/invocations";

        assertThat(LambdaTarget.parse(uri, Map.of())).contains(new LambdaTarget(ACCOUNT, "hello", Optional.empty()));
    }

    @Test
    void replacesStageVariables() {
        String uri = "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}";

        assertThat(LambdaTarget.parse(uri, Map.of("fn", "orders")))
                .contains(new LambdaTarget(ACCOUNT, "orders", Optional.empty()));
        assertThat(LambdaTarget.parse(uri, Map.of())).isEmpty();
        assertThat(LambdaTarget.plausible(uri)).isTrue();
    }

    @Test
    void refusesWhatNamesNoFunction() {
        assertThat(LambdaTarget.plausible("https://example.com/")).isFalse();
        assertThat(LambdaTarget.plausible("arn:aws:lambda:us-east-1:123456789012:layer:x")).isFalse();
        assertThat(LambdaTarget.plausible(null)).isFalse();
    }
}
