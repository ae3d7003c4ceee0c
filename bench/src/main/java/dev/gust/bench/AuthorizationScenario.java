package dev.gust.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the edge's authorization costs a warm invoke: the {@code provided} no-op function invoked by the account's
 * root (the short path: no policy to evaluate) and by a session of a role from {@code sts assume-role} whose inline
 * policy allows invoking the function (the full path: session token, request context with the global condition
 * keys, the role's identity-based policy evaluated), alternating point by point on one server so that both see the
 * same machine; and by an IAM user with the same policy (no session token: the policy evaluation alone).
 */
final class AuthorizationScenario implements Scenario {

    private static final String FUNCTION = "noop-provided";
    private static final String ROLE_NAME = "bench-invoker";
    private static final String ROLE = "arn:aws:iam::000000000000:role/" + ROLE_NAME;
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String INVOKE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"arn:aws:lambda:*:000000000000:function:"
            + FUNCTION + "\"}]}";

    @Override
    public String name() {
        return "authorization";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        NoopFunctions.Runtime runtime = NoopFunctions.provided(context.workDir());
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try (GustProcess gust = GustProcess.start(context, "authorization", Map.of(), List.of())) {
            gust.lambda().createFunction(FUNCTION, runtime.runtime(), runtime.handler(), runtime.zip(),
                    runtime.memoryMb());
            gust.lambda().awaitReady(FUNCTION);
            SigV4Signer session = assumeRole(gust.port());
            SigV4Signer user = userKey(gust.port());
            LoadGenerator.run(gust.invokeRequest(FUNCTION, "{}", Map.of()), context.concurrencies().getLast(),
                    context.warmup(), context.warmup());
            ArrayNode root = result.putObject("root").putArray("points");
            ArrayNode assumed = result.putObject("assumed_role").putArray("points");
            ArrayNode users = result.putObject("iam_user").putArray("points");
            for (int connections : context.concurrencies()) {
                root.add(Curves.point(context, () -> gust.invokeRequest(FUNCTION, "{}", Map.of()), connections));
                assumed.add(Curves.point(context, () -> RequestTemplate.invoke(session, gust.port(), FUNCTION,
                        NoopFunctions.bytes("{}"), Map.of()), connections));
                users.add(Curves.point(context, () -> RequestTemplate.invoke(user, gust.port(), FUNCTION,
                        NoopFunctions.bytes("{}"), Map.of()), connections));
            }
        }
        return result;
    }

    /**
     * Temporary credentials of a session of {@link #ROLE}, from the server's STS, signed by the root; the role is
     * created first in IAM, trusting the root, with an inline policy that allows invoking {@link #FUNCTION}.
     */
    private static SigV4Signer assumeRole(int port) throws IOException, InterruptedException {
        query(port, "iam", "Action=CreateRole&Version=2010-05-08&RoleName=" + ROLE_NAME + "&MaxSessionDuration=43200"
                + "&AssumeRolePolicyDocument=" + encode(TRUST));
        query(port, "iam", "Action=PutRolePolicy&Version=2010-05-08&RoleName=" + ROLE_NAME + "&PolicyName=invoke"
                + "&PolicyDocument=" + encode(INVOKE));
        HttpResponse<String> response = query(port, "sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=" + ROLE
                + "&RoleSessionName=bench&DurationSeconds=43200");
        return new SigV4Signer(element(response.body(), "AccessKeyId"), element(response.body(), "SecretAccessKey"),
                GustProcess.REGION, element(response.body(), "SessionToken"));
    }

    /**
     * The long-term access key of an IAM user whose inline policy allows invoking {@link #FUNCTION}: authorization
     * without a session token, so the difference to the root is the policy evaluation alone.
     */
    private static SigV4Signer userKey(int port) throws IOException, InterruptedException {
        query(port, "iam", "Action=CreateUser&Version=2010-05-08&UserName=bench-user");
        query(port, "iam", "Action=PutUserPolicy&Version=2010-05-08&UserName=bench-user&PolicyName=invoke"
                + "&PolicyDocument=" + encode(INVOKE));
        String key = query(port, "iam", "Action=CreateAccessKey&Version=2010-05-08&UserName=bench-user").body();
        return new SigV4Signer(element(key, "AccessKeyId"), element(key, "SecretAccessKey"), GustProcess.REGION);
    }

    /** A query-protocol request to {@code service}, signed by the root; fails unless it answers 200. */
    private static HttpResponse<String> query(int port, String service, String form)
            throws IOException, InterruptedException {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        GustProcess.signer().sign(service, "POST", "127.0.0.1:" + port, "/", "", body).forEach(request::header);
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 200) {
            throw new IOException(service + " answered " + response.statusCode() + " to " + form + ": "
                    + response.body());
        }
        return response;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String element(String xml, String name) throws IOException {
        Matcher matcher = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        if (!matcher.find()) {
            throw new IOException("the answer has no " + name + ": " + xml);
        }
        return matcher.group(1);
    }
}
