package dev.gust.core.permissions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.invoke.InvokeAuthorization;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluatorTest {

    private static final String ACCOUNT = "111111111111";
    private static final String BUCKET = "arn:aws:s3:::photos";

    private static PolicyStatement s3(String sourceArn) {
        return new PolicyStatement("s3", service("s3.amazonaws.com"), "lambda:InvokeFunction", sourceArn, null, null,
                null, null);
    }

    private static PolicyPrincipal service(String name) {
        return new PolicyPrincipal(PolicyPrincipal.Kind.SERVICE, name);
    }

    private static InvokeAuthorization invoke(String principal, String sourceArn, String sourceAccount) {
        return InvokeAuthorization.serviceInvoke("fn", Optional.empty(), principal, sourceArn, sourceAccount);
    }

    private static InvokeAuthorization request(String principal, String action, String orgId, String urlAuthType,
            String token) {
        return new InvokeAuthorization("fn", Optional.empty(), principal, action, Optional.empty(), Optional.empty(),
                Optional.ofNullable(orgId), Optional.ofNullable(urlAuthType), Optional.ofNullable(token));
    }

    static Stream<Arguments> cases() {
        PolicyStatement anyAccount = new PolicyStatement("acc", PolicyPrincipal.any(), "lambda:InvokeFunction", null,
                ACCOUNT, null, null, null);
        PolicyStatement root = new PolicyStatement("root", PolicyPrincipal.fromParameter(ACCOUNT).orElseThrow(),
                "lambda:InvokeFunction", null, null, null, null, null);
        PolicyStatement user = new PolicyStatement("user",
                PolicyPrincipal.fromParameter("arn:aws:iam::" + ACCOUNT + ":user/ada").orElseThrow(),
                "lambda:InvokeFunction", null, null, null, null, null);
        PolicyStatement wildcardAction = new PolicyStatement("all", service("sns.amazonaws.com"), "lambda:*", null,
                null, null, null, null);
        PolicyStatement url = new PolicyStatement("url", PolicyPrincipal.any(), "lambda:InvokeFunctionUrl", null,
                null, null, "NONE", null);
        PolicyStatement org = new PolicyStatement("org", PolicyPrincipal.any(), "lambda:InvokeFunction", null, null,
                null, null, "o-1234567890");
        PolicyStatement alexa = new PolicyStatement("alexa", PolicyPrincipal.any(), "lambda:InvokeFunction", null,
                null, "amzn1.ask.skill.1", null, null);
        return Stream.of(
                Arguments.of("service without condition", s3(null), invoke("s3.amazonaws.com", null, null), true),
                Arguments.of("other service", s3(null), invoke("sns.amazonaws.com", null, null), false),
                Arguments.of("service name is case-insensitive", s3(null), invoke("S3.amazonaws.com", null, null),
                        true),
                Arguments.of("exact source ARN", s3(BUCKET), invoke("s3.amazonaws.com", BUCKET, null), true),
                Arguments.of("other source ARN", s3(BUCKET), invoke("s3.amazonaws.com", "arn:aws:s3:::other", null),
                        false),
                Arguments.of("source ARN required by the condition", s3(BUCKET), invoke("s3.amazonaws.com", null,
                        null), false),
                Arguments.of("star in the source ARN", s3("arn:aws:s3:::photo*"), invoke("s3.amazonaws.com",
                        "arn:aws:s3:::photos-2026", null), true),
                Arguments.of("question mark matches one character", s3("arn:aws:s3:::photo?"),
                        invoke("s3.amazonaws.com", BUCKET, null), true),
                Arguments.of("question mark needs a character", s3("arn:aws:s3:::photos?"),
                        invoke("s3.amazonaws.com", BUCKET, null), false),
                Arguments.of("source ARN is case-sensitive", s3("arn:aws:s3:::Photos"),
                        invoke("s3.amazonaws.com", BUCKET, null), false),
                Arguments.of("API Gateway style wildcard path", s3("arn:aws:execute-api:us-east-1:" + ACCOUNT
                        + ":abc123/*/GET/*"), invoke("s3.amazonaws.com", "arn:aws:execute-api:us-east-1:" + ACCOUNT
                        + ":abc123/prod/GET/pets", null), true),
                Arguments.of("star does not cross an ARN part", s3("arn:aws:sns:*"),
                        invoke("s3.amazonaws.com", "arn:aws:sns:us-east-1:" + ACCOUNT + ":topic", null), false),
                Arguments.of("star per ARN part", s3("arn:aws:sns:*:*:*"),
                        invoke("s3.amazonaws.com", "arn:aws:sns:us-east-1:" + ACCOUNT + ":topic", null), true),
                Arguments.of("source account matches", anyAccount, invoke("events.amazonaws.com", null, ACCOUNT),
                        true),
                Arguments.of("other source account", anyAccount, invoke("events.amazonaws.com", null,
                        "222222222222"), false),
                Arguments.of("source account required", anyAccount, invoke("events.amazonaws.com", null, null), false),
                Arguments.of("account root allows the account id", root, invoke(ACCOUNT, null, null), true),
                Arguments.of("account root allows an identity of the account", root,
                        invoke("arn:aws:sts::" + ACCOUNT + ":assumed-role/r/s", null, null), true),
                Arguments.of("account root refuses another account", root, invoke("222222222222", null, null), false),
                Arguments.of("account root refuses a service", root, invoke("s3.amazonaws.com", null, null), false),
                Arguments.of("user ARN allows that user", user, invoke("arn:aws:iam::" + ACCOUNT + ":user/ada", null,
                        null), true),
                Arguments.of("user ARN refuses another user", user, invoke("arn:aws:iam::" + ACCOUNT + ":user/bob",
                        null, null), false),
                Arguments.of("lambda:* allows InvokeFunction", wildcardAction, invoke("sns.amazonaws.com", null,
                        null), true),
                Arguments.of("lambda:* allows GetFunction", wildcardAction, request("sns.amazonaws.com",
                        "lambda:GetFunction", null, null, null), true),
                Arguments.of("actions are case-insensitive", s3(null), request("s3.amazonaws.com",
                        "Lambda:invokefunction", null, null, null), true),
                Arguments.of("InvokeFunction does not allow GetFunction", s3(null), request("s3.amazonaws.com",
                        "lambda:GetFunction", null, null, null), false),
                Arguments.of("function URL with its auth type", url, request("anyone", "lambda:InvokeFunctionUrl",
                        null, "NONE", null), true),
                Arguments.of("function URL with another auth type", url, request("anyone",
                        "lambda:InvokeFunctionUrl", null, "AWS_IAM", null), false),
                Arguments.of("InvokeFunctionUrl does not allow InvokeFunction", url, request("anyone",
                        "lambda:InvokeFunction", null, "NONE", null), false),
                Arguments.of("organization matches", org, request(ACCOUNT, "lambda:InvokeFunction", "o-1234567890",
                        null, null), true),
                Arguments.of("other organization", org, request(ACCOUNT, "lambda:InvokeFunction", "o-0000000000",
                        null, null), false),
                Arguments.of("organization required", org, request(ACCOUNT, "lambda:InvokeFunction", null, null,
                        null), false),
                Arguments.of("event source token matches", alexa, request("alexa-appkit.amazon.com",
                        "lambda:InvokeFunction", null, null, "amzn1.ask.skill.1"), true),
                Arguments.of("other event source token", alexa, request("alexa-appkit.amazon.com",
                        "lambda:InvokeFunction", null, null, "amzn1.ask.skill.2"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void evaluatesOneStatement(String description, PolicyStatement statement, InvokeAuthorization request,
            boolean allowed) {
        assertThat(PolicyEvaluator.allows(statement, request)).isEqualTo(allowed);
    }

    @Test
    void allowsWhenAnyStatementAllows() {
        FunctionPolicy policy = new FunctionPolicy("r1", List.of(s3(BUCKET),
                new PolicyStatement("open", service("s3.amazonaws.com"), "lambda:*", null, null, null, null, null)));

        assertThat(PolicyEvaluator.allows(policy, invoke("s3.amazonaws.com", "arn:aws:s3:::other", null))).isTrue();
        assertThat(PolicyEvaluator.allows(policy, invoke("sqs.amazonaws.com", BUCKET, null))).isFalse();
    }

    @Test
    void wildcardMatchingBacktracks() {
        assertThat(PolicyEvaluator.wildcardMatches("a*b*c", "axxbyybzc")).isTrue();
        assertThat(PolicyEvaluator.wildcardMatches("a*b*c", "axxbyyc")).isTrue();
        assertThat(PolicyEvaluator.wildcardMatches("a*b*c", "axxcyy")).isFalse();
        assertThat(PolicyEvaluator.wildcardMatches("*", "")).isTrue();
        assertThat(PolicyEvaluator.wildcardMatches("", "x")).isFalse();
    }
}
