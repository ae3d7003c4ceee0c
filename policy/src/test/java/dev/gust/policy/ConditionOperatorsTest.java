package dev.gust.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The condition operators, with the examples of IAM User Guide, "IAM JSON policy elements: Condition operators"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html), "Condition
 * with multiple context keys or values" and "Multivalued context key examples". Each row is a statement's
 * {@code Condition} element, the request's condition keys, and whether the condition holds.
 */
class ConditionOperatorsTest {

    static Stream<Arguments> conditions() {
        return Stream.of(
                // String condition operators
                row("{\"StringEquals\":{\"aws:PrincipalTag/job-category\":\"iamuser-admin\"}}",
                        Map.of("aws:PrincipalTag/job-category", List.of("iamuser-admin")), true),
                row("{\"StringEquals\":{\"aws:PrincipalTag/job-category\":\"iamuser-admin\"}}",
                        Map.of("aws:PrincipalTag/job-category", List.of("IAMUSER-ADMIN")), false),
                row("{\"StringEquals\":{\"aws:PrincipalTag/job-category\":\"iamuser-admin\"}}", Map.of(), false),
                row("{\"StringEquals\":{\"AWS:PRINCIPALTAG/JOB-CATEGORY\":\"iamuser-admin\"}}",
                        Map.of("aws:PrincipalTag/job-category", List.of("iamuser-admin")), true),
                row("{\"StringEquals\":{\"aws:PrincipalTag/job-category\":\"iamuser-*\"}}",
                        Map.of("aws:PrincipalTag/job-category", List.of("iamuser-admin")), false),
                row("{\"StringNotEquals\":{\"aws:PrincipalTag/job-category\":[\"a\",\"b\"]}}",
                        Map.of("aws:PrincipalTag/job-category", List.of("c")), true),
                row("{\"StringNotEquals\":{\"aws:PrincipalTag/job-category\":[\"a\",\"b\"]}}",
                        Map.of("aws:PrincipalTag/job-category", List.of("b")), false),
                row("{\"StringNotEquals\":{\"aws:PrincipalTag/job-category\":\"a\"}}", Map.of(), true),
                row("{\"StringEqualsIgnoreCase\":{\"aws:PrincipalTag/job-category\":\"IAMUser-Admin\"}}",
                        Map.of("aws:PrincipalTag/job-category", List.of("iamuser-admin")), true),
                row("{\"StringNotEqualsIgnoreCase\":{\"aws:PrincipalTag/job-category\":\"IAMUser-Admin\"}}",
                        Map.of("aws:PrincipalTag/job-category", List.of("iamuser-admin")), false),
                row("{\"StringLike\":{\"s3:prefix\":[\"\",\"home/\",\"home/${aws:username}/\"]}}",
                        Map.of("s3:prefix", List.of("home/carla/"), "aws:username", List.of("carla")), true),
                row("{\"StringLike\":{\"s3:prefix\":[\"\",\"home/\",\"home/${aws:username}/\"]}}",
                        Map.of("s3:prefix", List.of("home/bob/"), "aws:username", List.of("carla")), false),
                row("{\"StringLike\":{\"s3:prefix\":\"home/${aws:username}/\"}}",
                        Map.of("s3:prefix", List.of("home/carla/")), false),
                row("{\"StringLike\":{\"s3:prefix\":\"home/${aws:username, 'guest'}/\"}}",
                        Map.of("s3:prefix", List.of("home/guest/")), true),
                row("{\"StringLike\":{\"aws:PrincipalTag/team\":\"dev-?-*\"}}",
                        Map.of("aws:PrincipalTag/team", List.of("dev-a-anything")), true),
                row("{\"StringLike\":{\"aws:PrincipalTag/team\":\"dev-${?}-${*}\"}}",
                        Map.of("aws:PrincipalTag/team", List.of("dev-a-anything")), false),
                row("{\"StringLike\":{\"aws:PrincipalTag/team\":\"dev-${?}-${*}\"}}",
                        Map.of("aws:PrincipalTag/team", List.of("dev-?-*")), true),
                row("{\"StringNotLike\":{\"aws:PrincipalTag/team\":\"dev-*\"}}",
                        Map.of("aws:PrincipalTag/team", List.of("ops")), true),
                // Numeric condition operators
                row("{\"NumericLessThanEquals\":{\"s3:max-keys\":\"10\"}}", Map.of("s3:max-keys", List.of("10")), true),
                row("{\"NumericLessThanEquals\":{\"s3:max-keys\":\"10\"}}", Map.of("s3:max-keys", List.of("11")), false),
                row("{\"NumericLessThan\":{\"s3:max-keys\":10}}", Map.of("s3:max-keys", List.of("9.5")), true),
                row("{\"NumericEquals\":{\"s3:max-keys\":\"10\"}}", Map.of("s3:max-keys", List.of("10.0")), true),
                row("{\"NumericNotEquals\":{\"s3:max-keys\":\"10\"}}", Map.of("s3:max-keys", List.of("10")), false),
                row("{\"NumericGreaterThan\":{\"s3:max-keys\":\"10\"}}", Map.of("s3:max-keys", List.of("x")), false),
                row("{\"NumericGreaterThanEquals\":{\"s3:max-keys\":\"10\"}}", Map.of("s3:max-keys", List.of("10")),
                        true),
                // Date condition operators
                row("{\"DateGreaterThan\":{\"aws:TokenIssueTime\":\"2020-01-01T00:00:01Z\"}}",
                        Map.of("aws:TokenIssueTime", List.of("2020-01-01T00:00:02Z")), true),
                row("{\"DateGreaterThan\":{\"aws:TokenIssueTime\":\"2020-01-01T00:00:01Z\"}}",
                        Map.of("aws:TokenIssueTime", List.of("2019-12-31T23:59:59Z")), false),
                row("{\"DateLessThan\":{\"aws:CurrentTime\":\"2019-07-16T12:00:00Z\"}}",
                        Map.of("aws:CurrentTime", List.of("2019-07-16T11:59:59.999Z")), true),
                row("{\"DateLessThan\":{\"aws:EpochTime\":\"1563278400\"}}",
                        Map.of("aws:EpochTime", List.of("1563278399")), true),
                row("{\"DateEquals\":{\"aws:CurrentTime\":\"2019-07-16\"}}",
                        Map.of("aws:CurrentTime", List.of("2019-07-16T00:00:00Z")), true),
                row("{\"DateNotEquals\":{\"aws:CurrentTime\":\"2019-07-16T02:00:00+02:00\"}}",
                        Map.of("aws:CurrentTime", List.of("2019-07-16T00:00:00Z")), false),
                row("{\"DateGreaterThanEquals\":{\"aws:EpochTime\":\"2019-07-16T12:00:00Z\"}}",
                        Map.of("aws:EpochTime", List.of("1563278400")), true),
                // Boolean and binary
                row("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}", Map.of("aws:SecureTransport", List.of("false")),
                        true),
                row("{\"Bool\":{\"aws:SecureTransport\":false}}", Map.of("aws:SecureTransport", List.of("true")), false),
                row("{\"Bool\":{\"aws:SecureTransport\":\"false\"}}", Map.of(), false),
                row("{\"BinaryEquals\":{\"key\":\"QmluYXJ5VmFsdWVJbkJhc2U2NA==\"}}",
                        Map.of("key", List.of("QmluYXJ5VmFsdWVJbkJhc2U2NA==")), true),
                // IP address
                row("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", Map.of("aws:SourceIp", List.of("203.0.113.9")),
                        true),
                row("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", Map.of("aws:SourceIp", List.of("203.0.114.9")),
                        false),
                row("{\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"2001:DB8:1234:5678::/64\"]}}",
                        Map.of("aws:SourceIp", List.of("2001:db8:1234:5678::ab")), true),
                row("{\"IpAddress\":{\"aws:SourceIp\":\"2001:DB8:1234:5678::/64\"}}",
                        Map.of("aws:SourceIp", List.of("2001:db8:1234:5679::1")), false),
                row("{\"IpAddress\":{\"aws:SourceIp\":\"10.1.2.3\"}}", Map.of("aws:SourceIp", List.of("10.1.2.3")), true),
                row("{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/9\"}}", Map.of("aws:SourceIp", List.of("10.128.0.1")),
                        false),
                row("{\"NotIpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}",
                        Map.of("aws:SourceIp", List.of("198.51.100.1")), true),
                row("{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}", Map.of("aws:SourceIp", List.of("localhost")),
                        false),
                // ARN
                row("{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:123456789012:TOPIC-ID\"}}",
                        Map.of("aws:SourceArn", List.of("arn:aws:sns:us-east-1:123456789012:TOPIC-ID")), true),
                row("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:123456789012:*\"}}",
                        Map.of("aws:SourceArn", List.of("arn:aws:sns:eu-west-1:123456789012:topic")), true),
                row("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:123456789012:*\"}}",
                        Map.of("aws:SourceArn", List.of("arn:aws:sns:eu-west-1:999999999999:topic")), false),
                row("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:s3:::*\"}}",
                        Map.of("aws:SourceArn", List.of("arn:aws:s3:::bucket")), true),
                row("{\"ArnNotLike\":{\"aws:SourceArn\":\"arn:aws:s3:::*\"}}", Map.of(), true),
                row("{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:s3:::b\"}}",
                        Map.of("aws:SourceArn", List.of("arn:aws:s3:::b")), false),
                // ...IfExists
                row("{\"StringLikeIfExists\":{\"ec2:InstanceType\":[\"t1.*\",\"t2.*\",\"m3.*\"]}}",
                        Map.of("ec2:InstanceType", List.of("t2.micro")), true),
                row("{\"StringLikeIfExists\":{\"ec2:InstanceType\":[\"t1.*\",\"t2.*\",\"m3.*\"]}}",
                        Map.of("ec2:InstanceType", List.of("c5.large")), false),
                row("{\"StringLikeIfExists\":{\"ec2:InstanceType\":[\"t1.*\",\"t2.*\",\"m3.*\"]}}", Map.of(), true),
                row("{\"NumericLessThanIfExists\":{\"s3:max-keys\":\"10\"}}", Map.of(), true),
                // Null
                row("{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}", Map.of(), true),
                row("{\"Null\":{\"aws:TokenIssueTime\":\"true\"}}",
                        Map.of("aws:TokenIssueTime", List.of("2020-01-01T00:00:00Z")), false),
                row("{\"Null\":{\"aws:TokenIssueTime\":\"false\"}}",
                        Map.of("aws:TokenIssueTime", List.of("2020-01-01T00:00:00Z")), true),
                // Multiple keys are ANDed, multiple values ORed
                row("{\"StringEquals\":{\"aws:PrincipalTag/department\":\"finance\",\"aws:PrincipalTag/role\":"
                        + "[\"audit\",\"security\"]},\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}",
                        Map.of("aws:PrincipalTag/department", List.of("finance"), "aws:PrincipalTag/role",
                                List.of("security"), "aws:MultiFactorAuthPresent", List.of("true")), true),
                row("{\"StringEquals\":{\"aws:PrincipalTag/department\":\"finance\",\"aws:PrincipalTag/role\":"
                        + "[\"audit\",\"security\"]},\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}",
                        Map.of("aws:PrincipalTag/department", List.of("finance"), "aws:PrincipalTag/role",
                                List.of("security"), "aws:MultiFactorAuthPresent", List.of("false")), false),
                // Set operators on multivalued keys
                row("{\"ForAllValues:StringLike\":{\"aws:TagKeys\":[\"key1*\",\"key2*\"]}}",
                        Map.of("aws:TagKeys", List.of("key1a", "key2b")), true),
                row("{\"ForAllValues:StringLike\":{\"aws:TagKeys\":[\"key1*\",\"key2*\"]}}",
                        Map.of("aws:TagKeys", List.of("key1a", "key3")), false),
                row("{\"ForAllValues:StringLike\":{\"aws:TagKeys\":[\"key1*\"]}}", Map.of(), true),
                row("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"environment\",\"cost-center\"]}}",
                        Map.of("aws:TagKeys", List.of("environment", "owner")), true),
                row("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"environment\",\"cost-center\"]}}",
                        Map.of("aws:TagKeys", List.of("owner")), false),
                row("{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":\"environment\"}}", Map.of(), false),
                row("{\"ForAnyValue:StringNotEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}",
                        Map.of("aws:TagKeys", List.of("a", "c")), true),
                row("{\"ForAllValues:StringNotEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}",
                        Map.of("aws:TagKeys", List.of("a", "c")), false),
                row("{\"StringNotEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}",
                        Map.of("aws:TagKeys", List.of("c", "d")), true),
                row("{\"StringNotEquals\":{\"aws:TagKeys\":[\"a\",\"b\"]}}",
                        Map.of("aws:TagKeys", List.of("c", "a")), false));
    }

    @ParameterizedTest(name = "{0} with {1}: {2}")
    @MethodSource("conditions")
    void conditionHoldsAsAwsDocumentsIt(String condition, Map<String, List<String>> keys, boolean holds) {
        Policy policy = Policy.identity("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:ListBucket\",\"Resource\":\"*\",\"Condition\":" + condition + "}}");
        RequestContext.Builder request = RequestContext.builder("s3:ListBucket", "arn:aws:s3:::bucket")
                .principal("arn:aws:iam::123456789012:user/carla", "123456789012");
        keys.forEach(request::key);
        assertThat(policy.evaluate(request.build())).isEqualTo(holds ? PolicyMatch.ALLOW : PolicyMatch.NONE);
    }

    private static Arguments row(String condition, Map<String, List<String>> keys, boolean holds) {
        return Arguments.of(condition, keys, holds);
    }
}
