package dev.gust.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The edge authenticates, bounds, routes and authorizes requests, and answers what it refuses in the service's protocol. */
class ServiceEdgeTest {

    static EdgeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new EdgeFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aSignedRestOperationRunsWithTheCallerAndTheRawBody() throws Exception {
        HttpResponse<String> response = fixture.send("things", "POST", "/2020-01-01/things/a",
                Map.of("Content-Type", "application/json"), "{\"size\":1}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(new JsonObject(response.body()).getString("caller")).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(new JsonObject(response.body()).getString("body")).isEqualTo("{\"size\":1}");
    }

    @Test
    void aFormContentTypeDoesNotMakeTheEdgeDecodeAJsonBody() throws Exception {
        String json = "{\"Code\":{\"ZipFile\":\"" + "A".repeat(900) + "\"}}";

        HttpResponse<String> response = fixture.send("things", "POST", "/2020-01-01/things/a",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), json);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getString("body")).isEqualTo(json);
    }

    @Test
    void aServiceOfTwoProtocolsFindsOperationsAndWritesErrorsInEachRequestsProtocol() throws Exception {
        HttpResponse<String> json = fixture.send("twothings", "POST", "/",
                Map.of("X-Amz-Target", "TwoThings.GetThing", "Content-Type", "application/x-amz-json-1.0"), "{}");
        HttpResponse<String> query = fixture.send("twothings", "POST", "/000000000000/a",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=GetThing");
        HttpResponse<String> unknownJson = fixture.send("twothings", "POST", "/000000000000/a",
                Map.of("X-Amz-Target", "TwoThings.Nope", "Content-Type", "application/x-amz-json-1.0"), "{}");
        HttpResponse<String> unknownQuery = fixture.send("twothings", "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=Nope&Version=1");

        assertThat(json.body()).isEqualTo("GetThing at /");
        assertThat(query.body()).isEqualTo("GetThing at /000000000000/a");
        assertThat(unknownJson.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(unknownJson.body()).getString("__type")).isEqualTo("UnknownOperationException");
        assertThat(unknownQuery.statusCode()).isEqualTo(400);
        assertThat(unknownQuery.body()).contains("<Code>InvalidAction</Code>");
    }

    @Test
    void aServiceGustDoesNotHostGetsAClearErrorInTheRequestsProtocol() throws Exception {
        HttpResponse<String> json = fixture.send("dynamodb", "POST", "/",
                Map.of("X-Amz-Target", "DynamoDB_20120810.ListTables", "Content-Type", "application/x-amz-json-1.0"), "{}");
        HttpResponse<String> query = fixture.send("sqs", "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=ListQueues&Version=2012-11-05");
        HttpResponse<String> restJson = fixture.send("apigateway", "GET", "/2015-07-09/restapis", Map.of(), null);
        HttpResponse<String> restXml = fixture.send("s3", "GET", "/bucket/key", Map.of(), null);

        String message = "Gust does not host the service '%s' named in the request's credential scope; it hosts: "
                + "things, querythings, jsonthings, twothings";
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(json.body()).getString("__type")).isEqualTo("UnknownServiceException");
        assertThat(new JsonObject(json.body()).getString("message")).isEqualTo(message.formatted("dynamodb"));
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.body()).startsWith("<ErrorResponse><Error><Type>Sender</Type><Code>UnknownServiceException</Code>")
                .contains("<Message>" + message.formatted("sqs").replace("'", "&apos;") + "</Message>")
                .contains("<RequestId>" + query.headers().firstValue("x-amzn-RequestId").orElseThrow() + "</RequestId>");
        assertThat(restJson.headers().firstValue("x-amzn-ErrorType")).contains("UnknownServiceException");
        assertThat(new JsonObject(restJson.body()).getString("message")).isEqualTo(message.formatted("apigateway"));
        assertThat(restXml.body()).contains("<Error><Code>UnknownServiceException</Code>");
    }

    @Test
    void unsignedRequestsReachOnlyTheUnsignedRoutes() throws Exception {
        var client = fixture.http;
        var health = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + fixture.port() + "/_gust/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        var publicRoute = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + fixture.port() + "/_things/public")).build(),
                HttpResponse.BodyHandlers.ofString());
        var operation = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + fixture.port() + "/2020-01-01/things")).build(),
                HttpResponse.BodyHandlers.ofString());
        var queryShaped = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + fixture.port() + "/")).header("Content-Type",
                "application/x-www-form-urlencoded").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                "Action=GetThing")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.body()).isEqualTo("ok");
        assertThat(publicRoute.body()).isEqualTo("public");
        assertThat(operation.statusCode()).isEqualTo(403);
        assertThat(operation.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
        assertThat(operation.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        assertThat(queryShaped.statusCode()).isEqualTo(403);
        assertThat(queryShaped.body()).contains("<Code>MissingAuthenticationToken</Code>",
                "<Message>Request is missing Authentication Token</Message>");
    }

    @Test
    void gustsOwnPathsAreServedEvenToASignedRequest() throws Exception {
        HttpResponse<String> response = fixture.send("things", "GET", "/_gust/health", Map.of(), null);

        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void anUnknownKeyIsRefusedInTheServicesProtocol() throws Exception {
        var unknown = new dev.gust.edge.auth.Credentials("AKIDNOBODY0000000001", "whatever-secret-123456");

        HttpResponse<String> rest = fixture.send("things", unknown, null, "GET", "/2020-01-01/things", Map.of(), null);
        HttpResponse<String> query = fixture.send("querythings", unknown, null, "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=GetThing");

        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(rest.headers().firstValue("x-amzn-ErrorType")).contains("UnrecognizedClientException");
        assertThat(rest.body()).isEqualTo("{\"message\":\"The security token included in the request is invalid.\"}");
        assertThat(query.statusCode()).isEqualTo(403);
        assertThat(query.body()).contains("<Code>InvalidClientTokenId</Code>",
                "<Message>The security token included in the request is invalid.</Message>");
    }

    @Test
    void aRequestActsInTheRegionOfItsCredentialScopeWhicheverPartitionItIsIn() throws Exception {
        for (String region : List.of("eu-west-1", "cn-north-1", "us-gov-west-1")) {
            HttpResponse<String> response = fixture.send("things", region, EdgeFixture.ROOT, null, "GET",
                    "/2020-01-01/things", Map.of(), null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(response.body()).getString("region")).isEqualTo(region);
        }
    }

    @Test
    void aRegionAwsDoesNotHaveIsRefusedInTheServicesProtocol() throws Exception {
        HttpResponse<String> rest = fixture.send("things", "xx-moon-1", EdgeFixture.ROOT, null, "GET",
                "/2020-01-01/things", Map.of(), null);
        HttpResponse<String> query = fixture.send("querythings", "xx-moon-1", EdgeFixture.ROOT, null, "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=GetThing");

        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(rest.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(rest.body()).isEqualTo("{\"message\":\"Credential should be scoped to a valid region. \"}");
        assertThat(query.statusCode()).isEqualTo(403);
        assertThat(query.body()).contains("<Code>SignatureDoesNotMatch</Code>",
                "<Message>Credential should be scoped to a valid region. </Message>");
    }

    @Test
    void expiredTemporaryCredentialsGetExpiredToken() throws Exception {
        HttpResponse<String> rest = fixture.send("things", EdgeFixture.EXPIRED, "old-token", "GET", "/2020-01-01/things",
                Map.of(), null);
        HttpResponse<String> query = fixture.send("querythings", EdgeFixture.EXPIRED, "old-token", "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=GetThing");

        assertThat(rest.statusCode()).isEqualTo(403);
        assertThat(rest.headers().firstValue("x-amzn-ErrorType")).contains("ExpiredTokenException");
        assertThat(rest.body()).contains("The security token included in the request is expired");
        assertThat(query.body()).contains("<Code>ExpiredToken</Code>");
    }

    @Test
    void aWrongSecretDoesNotMatchInEachProtocolsWords() throws Exception {
        var wrong = new dev.gust.edge.auth.Credentials(EdgeFixture.ROOT.accessKeyId(), "not-the-secret-0123456");

        HttpResponse<String> rest = fixture.send("things", wrong, null, "GET", "/2020-01-01/things", Map.of(), null);
        HttpResponse<String> query = fixture.send("querythings", wrong, null, "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=GetThing");
        HttpResponse<String> json = fixture.send("jsonthings", wrong, null, "POST", "/",
                Map.of("X-Amz-Target", "JsonThings.PutThing", "Content-Type", "application/x-amz-json-1.0"), "{}");

        assertThat(rest.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
        assertThat(query.statusCode()).isEqualTo(403);
        assertThat(query.body()).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(json.body()).getString("__type"))
                .isEqualTo("com.amazon.coral.service#InvalidSignatureException");
    }

    @Test
    void aCallerWhoseGrantDoesNotCoverTheOperationIsDeniedAsAwsWordsIt() throws Exception {
        HttpResponse<String> denied = fixture.send("things", EdgeFixture.DATA_ONLY, "session-token", "POST",
                "/2020-01-01/things/hello", Map.of(), "{}");
        HttpResponse<String> allowed = fixture.send("things", EdgeFixture.DATA_ONLY, "session-token", "POST",
                "/2020-01-01/things/hello/invocations", Map.of(), "{}");
        HttpResponse<String> queryDenied = fixture.send("querythings", EdgeFixture.DATA_ONLY, "session-token", "POST",
                "/", Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=DeleteThing");

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");
        assertThat(denied.body()).isEqualTo("{\"Message\":\"User: arn:aws:sts::000000000000:assumed-role/lambda-role/hello "
                + "is not authorized to perform: things:CreateThing on resource: "
                + "arn:aws:things:us-east-1:000000000000:thing/hello because no session policy allows the "
                + "things:CreateThing action\"}");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(queryDenied.statusCode()).isEqualTo(403);
        assertThat(queryDenied.body()).contains("<Code>AccessDenied</Code>", "on resource: *");
    }

    @Test
    void queryAndJsonOperationsAreFoundByName() throws Exception {
        HttpResponse<String> query = fixture.send("querythings", "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), "Action=GetThing&Name=a%20b");
        HttpResponse<String> unknownAction = fixture.send("querythings", "POST", "/",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "Action=Nope&Version=2011-06-15");
        HttpResponse<String> json = fixture.send("jsonthings", "POST", "/",
                Map.of("X-Amz-Target", "JsonThings_20200101.PutThing", "Content-Type", "application/x-amz-json-1.0"),
                "{\"a\":1}");

        assertThat(query.body()).isEqualTo("<GetThingResponse>{Action=GetThing, Name=a b}</GetThingResponse>");
        assertThat(unknownAction.statusCode()).isEqualTo(400);
        assertThat(unknownAction.body()).contains("<Code>InvalidAction</Code>",
                "Could not find operation Nope for version 2011-06-15");
        assertThat(json.body()).isEqualTo("{\"a\":1}");
    }

    @Test
    void anUnknownOperationOfAHostedServiceIsUnknown() throws Exception {
        HttpResponse<String> response = fixture.send("things", "GET", "/2020-01-01/nothing", Map.of(), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
    }

    @Test
    void aBodyLargerThanTheServicesBoundIsRefusedWithItsOperationNamed() throws Exception {
        HttpResponse<String> response = fixture.send("things", "POST", "/2020-01-01/things/a", Map.of(),
                "x".repeat(EdgeFixture.MAX_BYTES + 1));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("RequestEntityTooLargeException");
        assertThat(response.body()).isEqualTo("{\"message\":\"Request must be smaller than 1000 bytes for the "
                + "CreateThing operation\"}");
    }

    @Test
    void aChunkedBodyIsCutOffOnceItPassesTheBound() throws Exception {
        try (Socket socket = EdgeFixture.raw(fixture.port(), signedHead("POST", "/2020-01-01/things/a",
                "Transfer-Encoding: chunked\r\n"))) {
            OutputStream out = socket.getOutputStream();
            String chunk = "x".repeat(600);
            out.write(("258\r\n" + chunk + "\r\n258\r\n" + chunk + "\r\n").getBytes());
            out.flush();

            String head = EdgeFixture.readHead(socket);

            assertThat(head).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void anUnsignedLargeBodyIsAnsweredBeforeItIsSentAndItsConnectionClosed() throws Exception {
        try (Socket socket = EdgeFixture.raw(fixture.port(), "POST /2020-01-01/things/a HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 60000000\r\n\r\n")) {
            String head = EdgeFixture.readHead(socket);
            InputStream in = socket.getInputStream();
            in.skip(in.available());

            assertThat(head).startsWith("HTTP/1.1 403").containsIgnoringCase("connection: close");
            assertThat(readsToEnd(in)).isTrue();
        }
    }

    @Test
    void anUnknownKeysLargeBodyIsRefusedBeforeItIsRead() throws Exception {
        String head = "POST /2020-01-01/things/a HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Date: " + amzDate() + "\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=AKIDNOBODY0000000001/" + amzDate().substring(0, 8)
                + "/us-east-1/things/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64) + "\r\n"
                + "Content-Length: 60000000\r\n\r\n";
        try (Socket socket = EdgeFixture.raw(fixture.port(), head)) {
            String response = EdgeFixture.readHead(socket);

            assertThat(response).startsWith("HTTP/1.1 403").contains("UnrecognizedClientException");
        }
    }

    @Test
    void requestsVertxCannotRouteGetAFourHundredNotAFiveHundred() throws Exception {
        assertThat(status("CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n")).startsWith("HTTP/1.1 4");
        assertThat(status("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).startsWith("HTTP/1.1 4");
        assertThat(status("GET /2020-01-01/things HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(status("GET /2020-01-01/things HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data\r\n\r\n"))
                .startsWith("HTTP/1.1 403");
        assertThat(status("GET /_gust/health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                + "boundary=x\r\n\r\n")).startsWith("HTTP/1.1 200");
    }

    private static String status(String request) throws Exception {
        try (Socket socket = EdgeFixture.raw(fixture.port(), request)) {
            return EdgeFixture.readHead(socket);
        }
    }

    /** A request head signed with the root key whose body (unsigned payload) follows separately. */
    private static String signedHead(String method, String path, String extraHeaders) throws Exception {
        String date = amzDate();
        var request = software.amazon.awssdk.http.SdkHttpFullRequest.builder()
                .method(software.amazon.awssdk.http.SdkHttpMethod.fromValue(method))
                .uri(java.net.URI.create("http://127.0.0.1:" + fixture.port() + path)).build();
        var signed = software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.create().sign(b -> b
                .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create(
                        EdgeFixture.ROOT.accessKeyId(), EdgeFixture.ROOT.secretAccessKey()))
                .request(request).payload(null)
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.SERVICE_SIGNING_NAME, "things")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED,
                        false));
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        signed.request().headers().forEach((name, values) -> values.forEach(v -> head.append(name).append(": ")
                .append(v).append("\r\n")));
        return head.append(extraHeaders).append("\r\n").toString().replace(date, date);
    }

    private static String amzDate() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
    }

    /** Whether the server closes the connection (end of stream) rather than wait for the body. */
    private static boolean readsToEnd(InputStream in) throws Exception {
        byte[] buffer = new byte[4096];
        while (true) {
            if (in.read(buffer) < 0) {
                return true;
            }
        }
    }
}
