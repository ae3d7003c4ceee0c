package dev.gust.server;

import dev.gust.server.LambdaRequestFuzzer.FuzzRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of signed, malformed requests to the edge's other services: STS and IAM (query protocol: a form
 * with an {@code Action}, known or not, and members with junk values) and Organizations (JSON 1.1: an
 * {@code X-Amz-Target} and a body of wrong types or bad JSON). The same seed gives the same requests.
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
    private static final List<String> TARGETS = List.of("CreateAccount", "DescribeCreateAccountStatus", "ListAccounts",
            "DescribeAccount", "DescribeOrganization", "Nope");
    private static final List<String> JSON_BODIES = List.of("{}", "{", "null", "[]",
            "{\"Email\":1,\"AccountName\":[]}", "{\"AccountId\":\"%zz\"}", "{\"MaxResults\":1e999}");

    private final URI endpoint;
    private final Random random;

    HostedServicesFuzzer(URI endpoint, long seed) {
        this.endpoint = endpoint;
        this.random = new Random(seed);
    }

    FuzzRequest next() {
        String service = pick(List.of("sts", "iam", "organizations"));
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        if (service.equals("organizations")) {
            headers.put("Content-Type", "application/x-amz-json-1.1");
            headers.put("X-Amz-Target", "AWSOrganizationsV20161128." + pick(TARGETS));
            body.append(pick(JSON_BODIES));
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

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
