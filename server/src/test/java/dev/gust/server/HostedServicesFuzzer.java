package dev.gust.server;

import dev.gust.server.LambdaRequestFuzzer.FuzzRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of signed, malformed requests to the edge's other services: STS, IAM and SNS (query protocol: a
 * form with an {@code Action}, known or not, and members with junk values) and Organizations (JSON 1.1: an
 * {@code X-Amz-Target} and a body of wrong types or bad JSON) and API Gateway's HTTP APIs (rest-json under
 * {@code /v2/apis}: any method, paths to a known API or to none, bodies of wrong types; and unknown APIs' invoke
 * URLs of the path form). The same seed gives the same requests.
 */
final class HostedServicesFuzzer {

    private static final List<String> ACTIONS = List.of("GetCallerIdentity", "AssumeRole", "CreateUser", "GetUser",
            "ListUsers", "DeleteUser", "CreateRole", "GetRole", "CreatePolicy", "AttachRolePolicy", "PutRolePolicy",
            "CreateAccessKey", "UpdateAccessKey", "ListPolicies", "NoSuchAction", "");
    private static final List<String> MEMBERS = List.of("UserName", "RoleName", "RoleArn", "RoleSessionName",
            "DurationSeconds", "PolicyDocument", "AssumeRolePolicyDocument", "PolicyArn", "Status", "MaxItems", "Marker",
            "Tags.member.1.Key");
    private static final List<String> VALUES = List.of("", "x", "a".repeat(2000), "%zz",
            "arn:aws:iam::000000000000:role/r", "{", "{\"Version\":\"2012-10-17\",\"Statement\":[]}", "-1",
            "99999999999999999999", "é€");
    private static final List<String> SNS_ACTIONS = List.of("CreateTopic", "DeleteTopic", "ListTopics",
            "GetTopicAttributes", "SetTopicAttributes", "Subscribe", "ConfirmSubscription", "Unsubscribe",
            "ListSubscriptions", "GetSubscriptionAttributes", "SetSubscriptionAttributes", "Publish", "PublishBatch",
            "TagResource", "ListTagsForResource", "AddPermission", "");
    private static final List<String> SNS_MEMBERS = List.of("Name", "TopicArn", "TargetArn", "ResourceArn",
            "SubscriptionArn", "Message", "Subject", "MessageStructure", "Protocol", "Endpoint", "AttributeName",
            "AttributeValue", "Token", "NextToken", "Attributes.entry.1.key", "Attributes.entry.1.value",
            "MessageAttributes.entry.1.Name", "MessageAttributes.entry.1.Value.DataType",
            "MessageAttributes.entry.1.Value.BinaryValue", "PublishBatchRequestEntries.member.1.Id",
            "PublishBatchRequestEntries.member.1.Message", "Tags.member.1.Key", "MessageGroupId");
    private static final List<String> SNS_VALUES = List.of("", "fuzz", "fuzz.fifo", "%zz", "{", "json", "sqs", "lambda",
            "http://127.0.0.1:1/", "arn:aws:sns:us-east-1:000000000000:fuzz", "arn:aws:sns:us-east-1:000000000000:fuzz:x",
            "arn:aws:sns:xx:1:fuzz", "FilterPolicy", "RawMessageDelivery", "String", "Number", "a".repeat(300), "é€");
    private static final List<String> TARGETS = List.of("CreateAccount", "DescribeCreateAccountStatus", "ListAccounts",
            "DescribeAccount", "DescribeOrganization", "Nope");
    private static final List<String> JSON_BODIES = List.of("{}", "{", "null", "[]",
            "{\"Email\":1,\"AccountName\":[]}", "{\"AccountId\":\"%zz\"}", "{\"MaxResults\":1e999}");

    private static final List<String> V2_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final List<String> V2_PATHS = List.of("/v2/apis", "/v2/apis/{id}", "/v2/apis/{id}/routes",
            "/v2/apis/{id}/routes/zzzzzzz", "/v2/apis/{id}/integrations", "/v2/apis/{id}/integrations/abcdefg",
            "/v2/apis/{id}/stages", "/v2/apis/{id}/stages/%24default", "/v2/apis/{id}/stages/prod",
            "/v2/apis/{id}/deployments", "/v2/apis/{id}/deployments/abcdefg", "/v2/apis/{id}/cors",
            "/v2/apis?maxResults=-1", "/v2/apis?nextToken=abc", "/v2/apis/{id}/routes?maxResults=abc",
            "/_gust/execute-api/nosuchapi1/", "/_gust/execute-api/%25zz/prod/x/%25zz?a=%25");
    private static final List<String> V2_IDS = List.of("nosuchapi1", "%25zz", "a".repeat(300), "");
    private static final List<String> V2_BODIES = List.of("{}", "{", "null", "[]", "{\"name\":1}",
            "{\"name\":\"x\",\"protocolType\":\"HTTP\",\"target\":"
                    + "\"arn:aws:lambda:us-east-1:000000000000:function:existing\"}",
            "{\"name\":\"x\",\"protocolType\":\"WEBSOCKET\"}", "{\"routeKey\":\"GET /{a+}/b\"}",
            "{\"routeKey\":\"GET /x\",\"target\":\"integrations/none\"}", "{\"routeKey\":[]}",
            "{\"integrationType\":\"AWS_PROXY\",\"integrationUri\":\"x\",\"payloadFormatVersion\":\"2.0\"}",
            "{\"integrationType\":\"HTTP_PROXY\",\"timeoutInMillis\":1e99}",
            "{\"stageName\":\"$default\",\"autoDeploy\":true,\"stageVariables\":{\"a\":\"%\"}}",
            "{\"stageName\":\"prod\",\"deploymentId\":\"nope\"}", "{\"stageVariables\":[1]}",
            "{\"body\":\"openapi: 3.0.1\\ninfo: {title: x}\\npaths: {'/a': {get: {}}}\"}", "{\"body\":7}",
            "{\"body\":\"{\\\"openapi\\\": \\\"3.0.1\\\"}\"}", "{\"corsConfiguration\":{\"maxAge\":\"x\"}}",
            "{\"corsConfiguration\":{\"allowOrigins\":[\"*\"],\"allowCredentials\":true}}");

    private final URI endpoint;
    private final Random random;
    private final String knownApiId;

    HostedServicesFuzzer(URI endpoint, long seed) {
        this(endpoint, seed, "nosuchapi1");
    }

    /** @param knownApiId an HTTP API that exists, which some requests name */
    HostedServicesFuzzer(URI endpoint, long seed, String knownApiId) {
        this.endpoint = endpoint;
        this.random = new Random(seed);
        this.knownApiId = knownApiId;
    }

    FuzzRequest next() {
        String service = pick(List.of("sts", "iam", "organizations", "apigateway", "sns"));
        if (service.equals("apigateway")) {
            return apigatewayv2();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        if (service.equals("organizations")) {
            headers.put("Content-Type", "application/x-amz-json-1.1");
            headers.put("X-Amz-Target", "AWSOrganizationsV20161128." + pick(TARGETS));
            body.append(pick(JSON_BODIES));
        } else if (service.equals("sns")) {
            headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
            body.append("Action=").append(RawHttp.encode(pick(SNS_ACTIONS))).append("&Version=2010-03-31");
            for (int m = random.nextInt(6); m > 0; m--) {
                body.append('&').append(RawHttp.encode(pick(SNS_MEMBERS))).append('=')
                        .append(random.nextInt(8) == 0 ? "%zz" : RawHttp.encode(pick(SNS_VALUES)));
            }
        } else {
            headers.put("Content-Type", random.nextInt(5) == 0 ? "application/json"
                    : "application/x-www-form-urlencoded; charset=utf-8");
            body.append("Action=").append(RawHttp.encode(pick(ACTIONS)))
                    .append("&Version=").append(random.nextBoolean() ? "2011-06-15" : "2010-05-08");
            for (int m = random.nextInt(5); m > 0; m--) {
                body.append('&').append(RawHttp.encode(pick(MEMBERS))).append('=')
                        .append(random.nextInt(8) == 0 ? "%zz" : RawHttp.encode(pick(VALUES)));
            }
        }
        String method = random.nextInt(10) == 0 ? "GET" : "POST";
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return new FuzzRequest(service + ": " + method + " / " + body,
                RawHttp.signedFor(endpoint, service, method, "/", headers, bytes));
    }

    private FuzzRequest apigatewayv2() {
        String method = pick(V2_METHODS);
        String path = pick(V2_PATHS).replace("{id}", random.nextBoolean() ? knownApiId : pick(V2_IDS));
        byte[] bytes = (method.equals("GET") || method.equals("DELETE") ? "" : pick(V2_BODIES))
                .getBytes(StandardCharsets.UTF_8);
        return new FuzzRequest("apigateway: " + method + " " + path + " " + new String(bytes, StandardCharsets.UTF_8),
                RawHttp.signedFor(endpoint, "apigateway", method, path,
                        Map.of("Content-Type", "application/json"), bytes));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
