package dev.gust.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed documents get IAM's {@code MalformedPolicyDocument} messages (IAM User Guide, "IAM JSON policy grammar"
 * and "IAM JSON policy elements reference"; the messages are those IAM answers PutUserPolicy and CreatePolicy with).
 */
class MalformedPolicyTest {

    private static final String ALLOW = "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
            + "\"Resource\":\"arn:aws:s3:::example_bucket\"";

    static Stream<Arguments> identityPolicies() {
        return Stream.of(
                Arguments.of("not json", "Syntax errors in policy."),
                Arguments.of("[]", "Syntax errors in policy."),
                Arguments.of("{\"Version\":\"2012-10-17\"}", "Syntax errors in policy."),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":[]}", "Syntax errors in policy."),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":[\"afd\"]}", "Syntax errors in policy."),
                Arguments.of("{\"Version\":\"2013-10-17\",\"Statement\":" + ALLOW + "}}", "Syntax errors in policy."),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":" + ALLOW + "},\"Extra\":1}",
                        "Syntax errors in policy."),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Statement\":" + ALLOW + ",\"Extra\":1}}",
                        "Syntax errors in policy."),
                Arguments.of("{\"Version\":\"2012-10-17\",\"Id\":{},\"Statement\":" + ALLOW + "}}",
                        "Syntax errors in policy."),
                Arguments.of(v("{\"Effect\":\"invalid\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}"),
                        "Syntax errors in policy."),
                Arguments.of(v("{\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}"), "Syntax errors in policy."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":[[]],\"Resource\":\"*\"}"), "Syntax errors in policy."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"s3:x\",\"NotAction\":\"s3:y\",\"Resource\":\"*\"}"),
                        "Syntax errors in policy."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"s3:x\",\"Resource\":\"*\",\"NotResource\":\"*\"}"),
                        "Syntax errors in policy."),
                Arguments.of(v(ALLOW + ",\"Condition\":[]}"), "Syntax errors in policy."),
                Arguments.of(v(ALLOW + ",\"Condition\":{\"x\":{\"a\":\"1\"}}}"), "Syntax errors in policy."),
                Arguments.of(v(ALLOW + ",\"Condition\":{\"DateGreaterThan\":{\"a\":{}}}}"), "Syntax errors in policy."),
                Arguments.of(v(ALLOW + ",\"Condition\":{\"ForAnyValue::StringEqualsIfExists\":{\"a\":\"b\"}}}"),
                        "Syntax errors in policy."),
                Arguments.of(v(ALLOW + ",\"Condition\":{\"NullIfExists\":{\"a\":\"true\"}}}"),
                        "Syntax errors in policy."),
                Arguments.of(v("{\"Sid\":{}," + ALLOW.substring(1) + "}"), "Syntax errors in policy."),
                Arguments.of("{\"Statement\":" + ALLOW + "}}", "Policy document must be version 2012-10-17 or greater."),
                Arguments.of("{\"Version\":\"2008-10-17\",\"Statement\":" + ALLOW + "}}",
                        "Policy document must be version 2012-10-17 or greater."),
                Arguments.of(v("{\"Effect\":\"denY\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}"),
                        "The policy failed legacy parsing"),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Condition\":{\"DateGreaterThan\":{\"a\":\"sdfdsf\"}}}"),
                        "The policy failed legacy parsing"),
                Arguments.of(v(ALLOW + ",\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":\"ten\"}}}"),
                        "The policy failed legacy parsing"),
                Arguments.of(v(ALLOW + ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/33\"}}}"),
                        "The policy failed legacy parsing"),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3::b\"}"),
                        "The policy failed legacy parsing"),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\"}"),
                        "Policy statement must contain resources."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"invalid\"}"),
                        "Policy statement must contain resources."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"), "Policy statement must contain actions."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}"),
                        "Policy statement must contain actions."),
                Arguments.of(v("[{\"Effect\":\"Deny\"}," + ALLOW + "}]"), "Policy statement must contain actions."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"invalid\",\"Resource\":\"*\"}"),
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"a a:ListBucket\",\"Resource\":\"*\"}"),
                        "Vendor a a is not valid"),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"s3:List:Bucket\",\"Resource\":\"*\"}"),
                        "Actions/Condition can contain only one colon."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"invalid resource\"}"),
                        "Resource invalid resource must be in ARN format or \"*\"."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"\"}"),
                        "Resource  must be in ARN format or \"*\"."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\","
                        + "\"Resource\":\"arn:error:s3:::example_bucket\"}"),
                        "Partition \"error\" is not valid for resource \"arn:error:s3:::example_bucket\"."),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws\"}"),
                        "Resource vendor must be fully qualified and cannot contain regexes."),
                Arguments.of(v("[{\"Sid\":\"a\"," + ALLOW.substring(1) + "},{\"Sid\":\"a\"," + ALLOW.substring(1) + "}]"),
                        "Statement IDs (SID) in a single policy must be unique."),
                Arguments.of(v("{\"Sid\":\"a-b\"," + ALLOW.substring(1) + "}"), "Statement IDs (SID) must be "
                        + "alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"),
                Arguments.of(v("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:x\",\"Resource\":\"*\"}"),
                        "Has prohibited field Principal"));
    }

    @ParameterizedTest(name = "{1} <- {0}")
    @MethodSource("identityPolicies")
    void identityPolicyIsRefusedWithIamsMessage(String document, String message) {
        assertThatThrownBy(() -> Policy.identity(document))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> resourcePolicies() {
        return Stream.of(
                Arguments.of(PolicyKind.RESOURCE, v("{\"Effect\":\"Allow\",\"Action\":\"lambda:InvokeFunction\","
                        + "\"Resource\":\"*\"}"), "Missing required field Principal"),
                Arguments.of(PolicyKind.TRUST, v("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\"}"),
                        "Missing required field Principal"),
                Arguments.of(PolicyKind.TRUST, v("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}"),
                        "Has prohibited field Resource"),
                Arguments.of(PolicyKind.TRUST, v("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                        + "\"lambda.amazonaws.com\"},\"Action\":\"s3:PutObject\"}"),
                        "AssumeRole policy may only specify STS AssumeRole actions."),
                Arguments.of(PolicyKind.RESOURCE, v("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"bob\"},"
                        + "\"Action\":\"lambda:InvokeFunction\"}"), "Invalid principal in policy: \"AWS\":\"bob\""),
                Arguments.of(PolicyKind.RESOURCE, v("{\"Effect\":\"Allow\",\"Principal\":{\"Someone\":\"x\"},"
                        + "\"Action\":\"lambda:InvokeFunction\"}"), "Syntax errors in policy."));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("resourcePolicies")
    void resourceAndTrustPoliciesNeedPrincipals(PolicyKind kind, String document, String message) {
        assertThatThrownBy(() -> Policy.parse(document, kind))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage(message);
    }

    @Test
    void validDocumentsOfEveryShapeAreAccepted() {
        assertThat(Policy.identity(v(ALLOW + ",\"Condition\":{}}")).document()).contains("example_bucket");
        assertThat(Policy.identity(v("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":[\"arn:aws:s3:::b\",\"*\"],"
                + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2017-07-01T00:00:00Z\"},"
                + "\"ForAllValues:StringEquals\":{\"aws:TagKeys\":\"Department\"},\"a\":{}}}"))).isNotNull();
        assertThat(Policy.resource("{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"123456789012\"},\"Action\":\"lambda:*\",\"Resource\":\"*\"}}").kind())
                .isEqualTo(PolicyKind.RESOURCE);
        assertThat(Policy.trust(v("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}")).kind()).isEqualTo(PolicyKind.TRUST);
    }

    @Test
    void parseTellsTheKindFromThePrincipalsNotFromKeysThatNameThem() {
        assertThat(Policy.parse(v("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":"
                + "{\"StringEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::123456789012:user/a\"}}}")).kind())
                .isEqualTo(PolicyKind.IDENTITY);
        assertThat(Policy.parse(v("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\"}")).kind())
                .isEqualTo(PolicyKind.RESOURCE);
    }

    /** A version 2012-10-17 document with the given statement (or statements). */
    static String v(String statement) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":" + statement + "}";
    }
}
