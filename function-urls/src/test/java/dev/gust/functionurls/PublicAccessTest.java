package dev.gust.functionurls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import dev.gust.core.urls.FunctionUrlConfig;
import dev.gust.policy.Policy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only the URL's function's (or alias's) policy can open a public URL, and only to everyone. */
class PublicAccessTest {

    private static final Account ACCOUNT = Account.defaults();
    private static final String ARN = ACCOUNT.functionArn("hello");

    private static FunctionUrlConfig url(String qualifier) {
        return new FunctionUrlConfig(ACCOUNT, "hello", qualifier, "a".repeat(32), "NONE", null, null, Instant.EPOCH,
                Instant.EPOCH);
    }

    private static Policy statement(String principal, String action, String resource, String condition) {
        return Policy.resource("""
                {"Version": "2012-10-17", "Statement": [{"Sid": "s", "Effect": "Allow", "Principal": %s,
                 "Action": "%s", "Resource": "%s"%s}]}""".formatted(principal, action, resource,
                condition == null ? "" : ", \"Condition\": {\"StringEquals\": {\"lambda:FunctionUrlAuthType\": \""
                        + condition + "\"}}"));
    }

    private static boolean allows(Map<String, Policy> policies, FunctionUrlConfig url) {
        return new PublicAccess((account, name, qualifier) -> Optional.ofNullable(policies.get(qualifier)))
                .allows(url, "127.0.0.1");
    }

    @Test
    void theStatementAddPermissionWritesForAPublicUrlAllowsIt() {
        Policy policy = statement("\"*\"", "lambda:InvokeFunctionUrl", ARN, "NONE");

        assertThat(allows(Map.of("$LATEST", policy), url("$LATEST"))).isTrue();
    }

    @Test
    void noPolicyAnAccountPrincipalAnotherActionOrAuthTypeOrAnotherQualifiersPolicyAllowNothing() {
        assertThat(allows(Map.of(), url("$LATEST"))).isFalse();
        assertThat(allows(Map.of("$LATEST", statement("{\"AWS\": \"000000000000\"}", "lambda:InvokeFunctionUrl", ARN,
                "NONE")), url("$LATEST"))).isFalse();
        assertThat(allows(Map.of("$LATEST", statement("\"*\"", "lambda:InvokeFunction", ARN, null)), url("$LATEST")))
                .isFalse();
        assertThat(allows(Map.of("$LATEST", statement("\"*\"", "lambda:InvokeFunctionUrl", ARN, "AWS_IAM")),
                url("$LATEST"))).isFalse();
        assertThat(allows(Map.of("$LATEST", statement("\"*\"", "lambda:InvokeFunctionUrl", ARN, "NONE")),
                url("live"))).isFalse();
    }

    @Test
    void anAliasUrlIsOpenedByTheAliasPolicy() {
        Policy policy = statement("\"*\"", "lambda:InvokeFunctionUrl", ARN + ":live", "NONE");

        assertThat(allows(Map.of("live", policy), url("live"))).isTrue();
    }
}
