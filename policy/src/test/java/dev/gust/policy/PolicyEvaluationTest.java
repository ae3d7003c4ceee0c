package dev.gust.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.policy.Decision.Outcome;
import dev.gust.policy.Decision.PolicyType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AWS's policy evaluation logic, with the examples of IAM User Guide, "Policy evaluation for requests within a single
 * account" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html),
 * "Cross-account policy evaluation logic"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html) and
 * "How AWS enforcement code logic evaluates requests to allow or deny access".
 */
class PolicyEvaluationTest {

    private static final String ACCOUNT = "111122223333";
    private static final String OTHER = "444455556666";
    private static final String CARLOS = "arn:aws:iam::" + ACCOUNT + ":user/carlossalazar";

    /** The identity-based policy of the documentation's user Carlos. */
    private static final Policy CARLOS_POLICY = Policy.identity("""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "AllowS3ListRead", "Effect": "Allow",
               "Action": ["s3:GetBucketLocation", "s3:ListAllMyBuckets"], "Resource": "*"},
              {"Sid": "AllowS3Self", "Effect": "Allow", "Action": "s3:*",
               "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/*",
                            "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar"]},
              {"Sid": "DenyS3Logs", "Effect": "Deny", "Action": "s3:*", "Resource": "arn:aws:s3:::*log*"}]}
            """);

    /** The documentation's bucket policy of the logs bucket, which allows Carlos to put objects. */
    private static final Policy LOGS_BUCKET_POLICY = Policy.resource("""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "AllowCarlosPut", "Effect": "Allow",
               "Principal": {"AWS": "arn:aws:iam::111122223333:user/carlossalazar"},
               "Action": "s3:PutObject", "Resource": "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/*"}]}
            """);

    /** A bucket policy that allows the whole account (its root) to read. */
    private static final Policy ACCOUNT_BUCKET_POLICY = Policy.resource("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject",
               "Resource": "arn:aws:s3:::shared/*"}]}
            """);

    static Stream<Arguments> singleAccount() {
        return Stream.of(
                Arguments.of("own bucket, identity-based allow", "s3:PutObject",
                        "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/photo.jpg", List.of(CARLOS_POLICY), null,
                        Decision.ALLOWED),
                Arguments.of("listing, any resource", "s3:ListAllMyBuckets", "*", List.of(CARLOS_POLICY), null,
                        Decision.ALLOWED),
                Arguments.of("action names are case-insensitive", "S3:LISTALLMYBUCKETS", "*", List.of(CARLOS_POLICY),
                        null, Decision.ALLOWED),
                Arguments.of("resources are case-sensitive", "s3:PutObject",
                        "arn:aws:s3:::AMZN-S3-DEMO-BUCKET-CARLOSSALAZAR/photo.jpg", List.of(CARLOS_POLICY), null,
                        new Decision(Outcome.IMPLICIT_DENY, PolicyType.IDENTITY_BASED)),
                Arguments.of("the logs bucket's policy allows, the identity policy denies", "s3:PutObject",
                        "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/x", List.of(CARLOS_POLICY),
                        LOGS_BUCKET_POLICY, new Decision(Outcome.EXPLICIT_DENY, PolicyType.IDENTITY_BASED)),
                Arguments.of("a resource-based policy naming the user suffices", "s3:PutObject",
                        "arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/x", List.of(), LOGS_BUCKET_POLICY,
                        Decision.ALLOWED),
                Arguments.of("no policy allows", "s3:DeleteBucket", "arn:aws:s3:::other", List.of(CARLOS_POLICY),
                        null, new Decision(Outcome.IMPLICIT_DENY, PolicyType.IDENTITY_BASED)),
                Arguments.of("a resource policy naming the account delegates to identity policies", "s3:GetObject",
                        "arn:aws:s3:::shared/x", List.of(), ACCOUNT_BUCKET_POLICY,
                        new Decision(Outcome.IMPLICIT_DENY, PolicyType.IDENTITY_BASED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleAccount")
    void singleAccountRequestsAreAllowedByEitherPolicy(String example, String action, String resource,
            List<Policy> identity, Policy resourcePolicy, Decision expected) {
        RequestContext request = RequestContext.builder(action, resource).principal(CARLOS, ACCOUNT).build();
        assertThat(PolicyEvaluation.evaluate(request, identity, Optional.ofNullable(resourcePolicy), true))
                .isEqualTo(expected);
    }

    /** A function policy that lets the other account (its root, so every identity it delegates to) invoke. */
    private static final Policy FUNCTION_POLICY = Policy.resource("""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "cross", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
               "Action": "lambda:InvokeFunction",
               "Resource": "arn:aws:lambda:us-east-1:111122223333:function:my-function"}]}
            """);
    private static final Policy INVOKE_ANY = Policy.identity("""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "lambda:InvokeFunction",
             "Resource": "arn:aws:lambda:*:*:function:*"}}
            """);
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:111122223333:function:my-function";

    static Stream<Arguments> crossAccount() {
        String bob = "arn:aws:iam::" + OTHER + ":user/bob";
        String otherRoot = "arn:aws:iam::" + OTHER + ":root";
        return Stream.of(
                Arguments.of("both allow", bob, List.of(INVOKE_ANY), FUNCTION_POLICY, Decision.ALLOWED),
                Arguments.of("only the resource policy allows", bob, List.of(), FUNCTION_POLICY,
                        new Decision(Outcome.IMPLICIT_DENY, PolicyType.IDENTITY_BASED)),
                Arguments.of("only the identity policy allows", bob, List.of(INVOKE_ANY), null,
                        new Decision(Outcome.IMPLICIT_DENY, PolicyType.RESOURCE_BASED)),
                Arguments.of("the other account's root needs the resource policy", otherRoot, List.of(), null,
                        new Decision(Outcome.IMPLICIT_DENY, PolicyType.RESOURCE_BASED)),
                Arguments.of("the other account's root with it", otherRoot, List.of(), FUNCTION_POLICY,
                        Decision.ALLOWED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossAccount")
    void crossAccountRequestsNeedBothPolicies(String example, String principal, List<Policy> identity,
            Policy resourcePolicy, Decision expected) {
        RequestContext request = RequestContext.builder("lambda:InvokeFunction", FUNCTION)
                .principal(principal, OTHER).resourceAccount(ACCOUNT).build();
        assertThat(PolicyEvaluation.evaluate(request, identity, Optional.ofNullable(resourcePolicy), true))
                .isEqualTo(expected);
    }

    @Test
    void accountRootIsAllowedEverythingInItsAccountUnlessAResourcePolicyDenies() {
        RequestContext request = RequestContext.builder("lambda:DeleteFunction", FUNCTION)
                .principal("arn:aws:iam::" + ACCOUNT + ":root", ACCOUNT).build();
        Policy denyAll = Policy.resource("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "lambda:*",
                 "Resource": "*"}}""");

        assertThat(PolicyEvaluation.evaluate(request, List.of(), Optional.empty(), true)).isEqualTo(Decision.ALLOWED);
        assertThat(PolicyEvaluation.evaluate(request, List.of(), Optional.of(denyAll), true))
                .isEqualTo(new Decision(Outcome.EXPLICIT_DENY, PolicyType.RESOURCE_BASED));
    }

    @Test
    void explicitDenyInAnyIdentityPolicyBeatsAnAllowInAnother() {
        Policy denyInvoke = Policy.identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "lambda:Invoke*",
                 "Resource": "*"}}""");
        RequestContext request = RequestContext.builder("lambda:InvokeFunction", FUNCTION)
                .principal(CARLOS, ACCOUNT).build();

        assertThat(PolicyEvaluation.evaluate(request, List.of(INVOKE_ANY, denyInvoke), Optional.empty(), true))
                .isEqualTo(new Decision(Outcome.EXPLICIT_DENY, PolicyType.IDENTITY_BASED));
    }

    @Test
    void sessionBoundLimitsWhatThePoliciesAllow() {
        RequestContext request = RequestContext.builder("lambda:InvokeFunction", FUNCTION)
                .principal("arn:aws:iam::" + ACCOUNT + ":role/worker", ACCOUNT)
                .caller("arn:aws:sts::" + ACCOUNT + ":assumed-role/worker/session").build();

        assertThat(PolicyEvaluation.evaluate(request, List.of(INVOKE_ANY), Optional.empty(), false))
                .isEqualTo(new Decision(Outcome.IMPLICIT_DENY, PolicyType.SESSION));
        assertThat(PolicyEvaluation.evaluate(request, List.of(INVOKE_ANY), Optional.empty(), true))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void notActionAndNotResourceAllowEverythingElse() {
        Policy policy = Policy.identity("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::public", "arn:aws:s3:::public/*"]}]}
                """);

        assertThat(decide(policy, "lambda:ListFunctions", "*")).isEqualTo(Decision.ALLOWED);
        assertThat(decide(policy, "iam:CreateUser", "*").outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
        assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::public/a")).isEqualTo(Decision.ALLOWED);
        assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::private/a").outcome())
                .isEqualTo(Outcome.EXPLICIT_DENY);
    }

    @Test
    void resourcesMatchPartByPartWithPolicyVariables() {
        Policy policy = Policy.identity("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Action": "lambda:*",
                   "Resource": "arn:aws:lambda:*:${aws:PrincipalAccount}:function:${aws:username}-*"},
                  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"}]}
                """);

        assertThat(decide(policy, "lambda:InvokeFunction",
                "arn:aws:lambda:eu-west-1:111122223333:function:carlossalazar-api")).isEqualTo(Decision.ALLOWED);
        assertThat(decide(policy, "lambda:InvokeFunction",
                "arn:aws:lambda:eu-west-1:444455556666:function:carlossalazar-api").allowed()).isFalse();
        assertThat(decide(policy, "lambda:InvokeFunction",
                "arn:aws:lambda:eu-west-1:111122223333:function:bob-api").allowed()).isFalse();
        assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::home/carlossalazar/notes.txt"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(policy, "s3:GetObject", "arn:aws:s3:::home/bob/notes.txt").allowed()).isFalse();
    }

    @Test
    void wildcardInOneArnPartDoesNotSpanIntoTheNext() {
        Policy policy = Policy.identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "lambda:*",
                 "Resource": "arn:aws:lambda:us-*:111122223333:function:f"}}""");

        assertThat(decide(policy, "lambda:GetFunction", "arn:aws:lambda:us-east-1:111122223333:function:f"))
                .isEqualTo(Decision.ALLOWED);
        assertThat(decide(policy, "lambda:GetFunction", "arn:aws:lambda:us-east-1:111122223333:function:f:1")
                .allowed()).isFalse();
    }

    @Test
    void trustPolicyMustAllowEvenWithinTheAccount() {
        Policy trust = Policy.trust("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
                 "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}}""");
        Policy assumeAny = Policy.identity("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole",
                 "Resource": "*"}}""");
        String role = "arn:aws:iam::111122223333:role/worker";

        RequestContext byCarlos = RequestContext.builder("sts:AssumeRole", role).principal(CARLOS, ACCOUNT).build();
        RequestContext byLambda = RequestContext.builder("sts:AssumeRole", role).service("lambda.amazonaws.com")
                .resourceAccount(ACCOUNT).build();

        assertThat(PolicyEvaluation.evaluate(byCarlos, List.of(assumeAny), Optional.of(trust), true))
                .isEqualTo(new Decision(Outcome.IMPLICIT_DENY, PolicyType.RESOURCE_BASED));
        assertThat(PolicyEvaluation.evaluate(byLambda, List.of(), Optional.of(trust), true))
                .isEqualTo(Decision.ALLOWED);
    }

    /**
     * A function policy as Lambda's GetPolicy returns it (AWS Lambda API reference, GetPolicy and AddPermission
     * examples): a cross-account statement and a service principal restricted to its source.
     */
    @Test
    void lambdaFunctionPolicyAllowsTheOtherAccountAndTheServiceFromItsSourceOnly() {
        Policy policy = Policy.resource("{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":["
                + "{\"Sid\":\"xaccount\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},"
                + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + FUNCTION + "\"},"
                + "{\"Sid\":\"s3-invoke_1\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},"
                + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + FUNCTION + "\",\"Condition\":{"
                + "\"StringEquals\":{\"AWS:SourceAccount\":\"111122223333\"},"
                + "\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::amzn-s3-demo-bucket\"}}}]}");
        RequestContext fromBucket = RequestContext.builder("lambda:InvokeFunction", FUNCTION)
                .service("s3.amazonaws.com").resourceAccount(ACCOUNT)
                .key("aws:SourceArn", "arn:aws:s3:::amzn-s3-demo-bucket").key("aws:SourceAccount", ACCOUNT).build();
        RequestContext fromOtherBucket = RequestContext.builder("lambda:InvokeFunction", FUNCTION)
                .service("s3.amazonaws.com").resourceAccount(ACCOUNT)
                .key("aws:SourceArn", "arn:aws:s3:::other-bucket").key("aws:SourceAccount", ACCOUNT).build();
        RequestContext byBob = RequestContext.builder("lambda:InvokeFunction", FUNCTION)
                .principal("arn:aws:iam::" + OTHER + ":user/bob", OTHER).resourceAccount(ACCOUNT).build();

        assertThat(PolicyEvaluation.evaluate(fromBucket, List.of(), Optional.of(policy), true))
                .isEqualTo(Decision.ALLOWED);
        assertThat(PolicyEvaluation.evaluate(fromOtherBucket, List.of(), Optional.of(policy), true).allowed())
                .isFalse();
        assertThat(PolicyEvaluation.evaluate(byBob, List.of(INVOKE_ANY), Optional.of(policy), true))
                .isEqualTo(Decision.ALLOWED);
    }

    @Test
    void denyWithNotPrincipalSparesOnlyThePrincipalsItNames() {
        Policy onlyCarlos = Policy.resource("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny",
                 "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:user/carlossalazar", "111122223333"]},
                 "Action": "lambda:*", "Resource": "*"}}""");
        RequestContext byCarlos = RequestContext.builder("lambda:InvokeFunction", FUNCTION)
                .principal(CARLOS, ACCOUNT).build();
        RequestContext byAlice = RequestContext.builder("lambda:InvokeFunction", FUNCTION)
                .principal("arn:aws:iam::111122223333:user/alice", ACCOUNT).build();

        assertThat(PolicyEvaluation.evaluate(byCarlos, List.of(INVOKE_ANY), Optional.of(onlyCarlos), true))
                .isEqualTo(Decision.ALLOWED);
        assertThat(PolicyEvaluation.evaluate(byAlice, List.of(INVOKE_ANY), Optional.of(onlyCarlos), true))
                .isEqualTo(new Decision(Outcome.EXPLICIT_DENY, PolicyType.RESOURCE_BASED));
    }

    @Test
    void denialMessagesAreAwsWords() {
        String action = "lambda:InvokeFunction";
        assertThat(new Decision(Outcome.IMPLICIT_DENY, PolicyType.IDENTITY_BASED).message(CARLOS, action, FUNCTION))
                .isEqualTo("User: " + CARLOS + " is not authorized to perform: lambda:InvokeFunction on resource: "
                        + FUNCTION + " because no identity-based policy allows the lambda:InvokeFunction action");
        assertThat(new Decision(Outcome.EXPLICIT_DENY, PolicyType.IDENTITY_BASED).message(CARLOS, action, FUNCTION))
                .endsWith(" on resource: " + FUNCTION + " with an explicit deny in an identity-based policy");
        assertThat(new Decision(Outcome.EXPLICIT_DENY, PolicyType.RESOURCE_BASED).message(CARLOS, action, FUNCTION))
                .endsWith(" with an explicit deny in a resource-based policy");
        assertThat(new Decision(Outcome.IMPLICIT_DENY, PolicyType.RESOURCE_BASED).message(CARLOS, action, FUNCTION))
                .endsWith(" because no resource-based policy allows the lambda:InvokeFunction action");
    }

    private static Decision decide(Policy policy, String action, String resource) {
        RequestContext request = RequestContext.builder(action, resource).principal(CARLOS, ACCOUNT)
                .key("aws:username", "carlossalazar").key("aws:PrincipalAccount", ACCOUNT).build();
        return PolicyEvaluation.evaluate(request, List.of(policy), Optional.empty(), true);
    }
}
