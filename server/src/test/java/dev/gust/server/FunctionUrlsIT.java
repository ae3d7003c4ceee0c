package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionUrlConfigResponse;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * Function URLs end to end on a real server: the AWS CLI tour with curl on the host form, a Java HTTP client on the
 * path form, binary bodies and cookies, CORS preflight, {@code AWS_IAM} URLs signed with botocore, the public
 * permission {@code NONE} needs, function errors, and the API's answers as AWS recorded them.
 */
class FunctionUrlsIT {

    /** Echoes the event, or answers what its path asks for. */
    static final String ECHO = """
            import base64
            def handler(event, context):
                path = event['rawPath']
                if path == '/boom':
                    raise Exception('boom')
                if path == '/binary':
                    body = event['body']
                    if not event['isBase64Encoded']:
                        body = base64.b64encode(body.encode()).decode()
                    return {'statusCode': 201, 'isBase64Encoded': True, 'body': body,
                            'headers': {'content-type': 'application/octet-stream',
                                        'x-cookies': ';'.join(event.get('cookies', []))},
                            'cookies': ['session=abc; Path=/', 'theme=dark']}
                if path == '/options-would-fail' and event['requestContext']['http']['method'] == 'OPTIONS':
                    raise Exception('a preflight reached the function')
                return event
            """;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;
    static LambdaClient lambda;
    static TestFunctions functions;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
        lambda = LambdaClients.forServer(gust.endpoint());
        functions = new TestFunctions(lambda);
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        gust.close();
    }

    private static void createEcho(String name) {
        functions.create(name, "python3.12", "echo.handler", Map.of("echo.py", ECHO));
    }

    private static void allowPublic(String name) {
        lambda.addPermission(b -> b.functionName(name).statementId("public").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
    }

    /** The path form of a URL ({@code http://127.0.0.1:PORT/_gust/lambda-url/ID/}). */
    private static String pathForm(String functionUrl) {
        String id = URI.create(functionUrl).getHost().split("\\.")[0];
        return "http://127.0.0.1:" + gust.endpoint().getPort() + "/_gust/lambda-url/" + id + "/";
    }

    @Test
    void theCliTourCreatesAUrlThatCurlReachesOnceThePublicMayInvokeIt() throws Exception {
        Files.write(work.resolve("function.zip"), TestZips.zip(Map.of("echo.py", ECHO)));
        ReadmeShell shell = new ReadmeShell(work, gust);

        ReadmeShell.Result tour = shell.bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
                aws lambda create-function --function-name tour --runtime python3.12 --handler echo.handler \\
                    --role arn:aws:iam::000000000000:role/lambda-role --zip-file fileb://function.zip > /dev/null
                aws lambda create-function-url-config --function-name tour --auth-type NONE > url.json
                URL=$(aws lambda get-function-url-config --function-name tour --query FunctionUrl --output text)
                echo "before: $(curl -s -o /dev/null -w '%{http_code}' "${URL}hello")"
                aws lambda add-permission --function-name tour --statement-id public-url \\
                    --action lambda:InvokeFunctionUrl --principal '*' --function-url-auth-type NONE > /dev/null
                curl -s -D headers.txt "${URL}hello/world?name=gust&name=url" -H 'Cookie: a=1; b=2' > event.json
                """);

        assertThat(tour.exitCode()).as(tour.output()).isZero();
        assertThat(tour.output()).contains("before: 403");
        JsonNode created = Recording.parse(Files.readString(work.resolve("url.json")));
        assertThat(created.path("FunctionUrl").asText())
                .matches("http://[a-z0-9]{32}\\.lambda-url\\.us-east-1\\.localhost:" + gust.endpoint().getPort() + "/");
        assertThat(created.path("FunctionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:tour");
        assertThat(created.path("AuthType").asText()).isEqualTo("NONE");
        assertThat(created.path("CreationTime").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        JsonNode event = Recording.parse(Files.readString(work.resolve("event.json")));
        String id = created.path("FunctionUrl").asText().substring(7, 39);
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("rawPath").asText()).isEqualTo("/hello/world");
        assertThat(event.path("rawQueryString").asText()).isEqualTo("name=gust&name=url");
        assertThat(event.path("queryStringParameters").path("name").asText()).isEqualTo("gust,url");
        assertThat(event.path("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
        assertThat(event.path("requestContext").path("accountId").asText()).isEqualTo("anonymous");
        assertThat(event.path("requestContext").path("apiId").asText()).isEqualTo(id);
        assertThat(event.path("requestContext").path("domainName").asText())
                .isEqualTo(id + ".lambda-url.us-east-1.localhost");
        assertThat(event.path("requestContext").path("http").path("method").asText()).isEqualTo("GET");
        assertThat(event.path("headers").path("x-forwarded-proto").asText()).isEqualTo("http");
        String headers = Files.readString(work.resolve("headers.txt"));
        String requestId = event.path("requestContext").path("requestId").asText();
        assertThat(headers).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: application/json")
                .containsIgnoringCase("x-amzn-RequestId: " + requestId)
                .containsIgnoringCase("X-Amzn-Trace-Id: " + event.path("headers").path("x-amzn-trace-id").asText())
                .containsIgnoringCase("Date: ");
    }

    @Test
    void aJavaClientOnThePathFormSendsBinaryBodiesAndCookies() throws Exception {
        createEcho("binary");
        allowPublic("binary");
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("binary").authType(FunctionUrlAuthType.NONE))
                .functionUrl();
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }

        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(pathForm(url) + "binary"))
                .header("Content-Type", "application/octet-stream").header("Cookie", "c=3; d=4")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
        assertThat(response.headers().firstValue("x-cookies")).contains("c=3;d=4");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("session=abc; Path=/", "theme=dark");
    }

    @Test
    void aCorsPreflightIsAnsweredWithoutInvokingAndResponsesCarryTheCorsHeaders() throws Exception {
        createEcho("cors");
        allowPublic("cors");
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("cors").authType(FunctionUrlAuthType.NONE)
                .cors(c -> c.allowOrigins("https://app.example").allowMethods("GET", "POST").allowHeaders("x-custom")
                        .exposeHeaders("x-total").maxAge(300).allowCredentials(true))).functionUrl();

        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(pathForm(url)
                        + "options-would-fail")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-custom").build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(pathForm(url) + "x"))
                .header("Origin", "https://app.example").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(preflight.statusCode()).as(preflight.body()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("https://app.example");
        assertThat(preflight.headers().firstValue("access-control-allow-methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("access-control-allow-headers").orElseThrow()).contains("x-custom");
        assertThat(preflight.headers().firstValue("access-control-max-age")).contains("300");
        assertThat(preflight.headers().firstValue("access-control-allow-credentials")).contains("true");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("access-control-allow-origin")).contains("https://app.example");
        assertThat(get.headers().firstValue("access-control-expose-headers")).contains("x-total");
    }

    @Test
    void anAwsIamUrlAnswersOnlyRequestsSignedForLambdaAndTellsTheFunctionWho() throws Exception {
        String url = awsIamUrl("private");
        ReadmeShell shell = new ReadmeShell(work, gust);

        ReadmeShell.Result result = shell.bash("""
                echo "unsigned: $(curl -s -X POST '%1$s')"
                echo "other service: $(/usr/bin/python3 signed.py '%1$s' execute-api)"
                echo "signed: $(/usr/bin/python3 signed.py '%1$s' lambda)"
                """.formatted(pathForm(url) + "me"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("unsigned: {\"Message\":\"Forbidden. For troubleshooting Function URL "
                + "authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html\"}");
        assertThat(result.output()).contains("other service: 403");
        String signed = result.output().lines().filter(line -> line.startsWith("signed: ")).findFirst().orElseThrow();
        assertThat(signed).startsWith("signed: 200 ");
        JsonNode event = Recording.parse(signed.substring("signed: 200 ".length()));
        JsonNode iam = event.path("requestContext").path("authorizer").path("iam");
        assertThat(iam.path("accessKey").asText()).isEqualTo(GustProcess.ACCESS_KEY);
        assertThat(iam.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(iam.path("userArn").asText()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(event.path("requestContext").path("accountId").asText()).isEqualTo("000000000000");
        assertThat(event.path("body").asText()).isEqualTo("{\"signed\": true}");
    }

    @Test
    void anIamUsersPolicyOpensAnAwsIamUrlOnlyForTheAuthTypeItNames() throws Exception {
        String url = awsIamUrl("iam-users");
        String policy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunctionUrl",
                 "Resource":"arn:aws:lambda:us-east-1:000000000000:function:iam-users",
                 "Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"%s"}}}]}""";

        ReadmeShell.Result result = new ReadmeShell(work, gust).bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output text "$@"; }
                for user in alice:AWS_IAM bob:NONE; do
                    name=${user%%%%:*}
                    aws iam create-user --user-name $name > /dev/null
                    aws iam put-user-policy --user-name $name --policy-name url --policy-document \
                        "$(printf '%2$s' ${user#*:})"
                    aws iam create-access-key --user-name $name \
                        --query 'AccessKey.[AccessKeyId,SecretAccessKey]' > $name.key
                done
                for name in alice bob; do
                    read -r id secret < $name.key
                    echo "$name: $(AWS_ACCESS_KEY_ID=$id AWS_SECRET_ACCESS_KEY=$secret \
                        /usr/bin/python3 signed.py '%1$s' lambda)"
                done
                """.formatted(pathForm(url) + "who", policy.replace("\n", " ")));

        assertThat(result.exitCode()).as(result.output()).isZero();
        String alice = result.output().lines().filter(line -> line.startsWith("alice: ")).findFirst().orElseThrow();
        assertThat(alice).startsWith("alice: 200 ");
        assertThat(Recording.parse(alice.substring("alice: 200 ".length())).path("requestContext")
                .path("authorizer").path("iam").path("userArn").asText())
                .isEqualTo("arn:aws:iam::000000000000:user/alice");
        assertThat(result.output()).contains("bob: 403 {\"Message\":\"Forbidden. For troubleshooting");
    }

    @Test
    void functionErrorsAre502AndUnknownUrlsAre403WithANullMessage() throws Exception {
        createEcho("failing");
        allowPublic("failing");
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("failing").authType(FunctionUrlAuthType.NONE))
                .functionUrl();

        HttpResponse<String> failed = HTTP.send(HttpRequest.newBuilder(URI.create(pathForm(url) + "boom")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gust.endpoint().getPort() + "/_gust/lambda-url/0123456789abcdefghijklmnopqrstuv/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.body()).isEqualTo("Internal Server Error");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).isEqualTo("{\"Message\":null}");
        assertThat(unknown.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void theApiAnswersAsAwsRecordedIt() {
        createEcho("api");
        lambda.publishVersion(b -> b.functionName("api"));
        lambda.createAlias(b -> b.functionName("api").name("live").functionVersion("1"));

        CreateFunctionUrlConfigResponse created = lambda.createFunctionUrlConfig(b -> b.functionName("api")
                .authType(FunctionUrlAuthType.NONE));
        var aliased = lambda.createFunctionUrlConfig(b -> b.functionName("api").qualifier("live")
                .authType(FunctionUrlAuthType.AWS_IAM).invokeMode("RESPONSE_STREAM"));

        assertThat(created.invokeModeAsString()).isNull();
        assertThat(aliased.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:api:live");
        assertThat(aliased.invokeModeAsString()).isEqualTo("RESPONSE_STREAM");
        assertThat(aliased.functionUrl()).isNotEqualTo(created.functionUrl());
        var shown = lambda.getFunctionUrlConfig(b -> b.functionName("api"));
        assertThat(shown.invokeModeAsString()).isEqualTo("BUFFERED");
        assertThat(shown.creationTime()).isEqualTo(created.creationTime()).isEqualTo(shown.lastModifiedTime());
        var updated = lambda.updateFunctionUrlConfig(b -> b.functionName("api").authType(FunctionUrlAuthType.AWS_IAM));
        assertThat(updated.authType()).isEqualTo(FunctionUrlAuthType.AWS_IAM);
        assertThat(updated.invokeModeAsString()).isNull();
        assertThat(updated.functionUrl()).isEqualTo(created.functionUrl());
        var listed = lambda.listFunctionUrlConfigs(b -> b.functionName("api").maxItems(1));
        assertThat(listed.functionUrlConfigs()).hasSize(1);
        assertThat(listed.functionUrlConfigs().get(0).functionArn()).endsWith(":function:api");
        assertThat(lambda.listFunctionUrlConfigs(b -> b.functionName("api").marker(listed.nextMarker()))
                .functionUrlConfigs()).extracting(c -> c.functionArn()).containsExactly(aliased.functionArn());

        String qualifierPattern = "Member must satisfy regular expression pattern: ((?!^\\d+$)^[0-9a-zA-Z-_]+$)";
        assertError(() -> lambda.createFunctionUrlConfig(b -> b.functionName("api").qualifier("1").authType("NONE")),
                400, "ValidationException", "1 validation error detected: Value '1' at 'qualifier' failed to satisfy "
                        + "constraint: " + qualifierPattern);
        assertError(() -> lambda.getFunctionUrlConfig(b -> b.functionName("api").qualifier("$LATEST")),
                400, "ValidationException", "1 validation error detected: Value '$LATEST' at 'qualifier' failed to "
                        + "satisfy constraint: " + qualifierPattern);
        assertError(() -> lambda.createFunctionUrlConfig(b -> b.functionName("api").authType("NONE")), 409,
                "ResourceConflictException", "Failed to create function url config for [functionArn = "
                        + "arn:aws:lambda:us-east-1:000000000000:function:api]. Error message:  FunctionUrlConfig "
                        + "exists for this Lambda function");
        assertError(() -> lambda.createFunctionUrlConfig(b -> b.functionName("nobody").authType("NONE")), 404,
                "ResourceNotFoundException", "Function does not exist");
        assertError(() -> lambda.createFunctionUrlConfig(b -> b.functionName("api").qualifier("nothere")
                .authType("NONE")), 404, "ResourceNotFoundException", "Function does not exist");
        assertError(() -> lambda.getFunctionUrlConfig(b -> b.functionName("nobody")), 404,
                "ResourceNotFoundException", "The resource you requested does not exist.");
        assertError(() -> lambda.getFunctionUrlConfig(b -> b.functionName("api:live").qualifier("other")), 400,
                "InvalidParameterValueException",
                "The derived qualifier from the function name does not match the specified qualifier.");
        assertError(() -> lambda.createFunctionUrlConfig(b -> b.functionName("api").qualifier("other")
                .authType("NONE").invokeMode("UNKNOWN")), 400, "ValidationException", "1 validation error detected: "
                + "Value 'UNKNOWN' at 'invokeMode' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[RESPONSE_STREAM, BUFFERED]");
        assertError(() -> lambda.updateFunctionUrlConfig(b -> b.functionName("nobody")), 404,
                "ResourceNotFoundException", "Function does not exist");
        assertError(() -> lambda.listFunctionUrlConfigs(b -> b.functionName("nobody")), 404,
                "ResourceNotFoundException", "Function does not exist");

        lambda.deleteFunctionUrlConfig(b -> b.functionName("api"));
        assertError(() -> lambda.deleteFunctionUrlConfig(b -> b.functionName("api")), 404,
                "ResourceNotFoundException", "The resource you requested does not exist.");
        assertThat(lambda.getFunctionUrlConfig(b -> b.functionName("api").qualifier("live")).functionArn())
                .isEqualTo(aliased.functionArn());
    }

    @Test
    void deletingTheFunctionDeletesItsUrlsAndAnAliasUrlOutlivesItsAliasAnswering403() throws Exception {
        createEcho("gone");
        lambda.createAlias(b -> b.functionName("gone").name("live").functionVersion("$LATEST"));
        lambda.addPermission(b -> b.functionName("gone").qualifier("live").statementId("public")
                .action("lambda:InvokeFunctionUrl").principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        String aliasUrl = lambda.createFunctionUrlConfig(b -> b.functionName("gone").qualifier("live")
                .authType(FunctionUrlAuthType.NONE)).functionUrl();
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("gone").authType(FunctionUrlAuthType.NONE))
                .functionUrl();
        assertThat(get(aliasUrl).statusCode()).isEqualTo(200);

        lambda.deleteAlias(b -> b.functionName("gone").name("live"));
        HttpResponse<String> afterAlias = get(aliasUrl);
        assertThat(afterAlias.statusCode()).isEqualTo(403);
        assertThat(afterAlias.body()).contains("Forbidden. For troubleshooting Function URL authorization issues");
        assertThat(lambda.getFunctionUrlConfig(b -> b.functionName("gone").qualifier("live")).functionUrl())
                .isEqualTo(aliasUrl);

        lambda.deleteFunction(b -> b.functionName("gone"));
        assertThat(get(url).body()).isEqualTo("{\"Message\":null}");
        assertThat(get(aliasUrl).body()).isEqualTo("{\"Message\":null}");
    }

    @Test
    void urlsSurviveARestart() throws Exception {
        createEcho("durable");
        allowPublic("durable");
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("durable").authType(FunctionUrlAuthType.NONE))
                .functionUrl();
        gust.close();
        gust = GustProcess.start(dataDir);
        lambda.close();
        lambda = LambdaClients.forServer(gust.endpoint());
        functions = new TestFunctions(lambda);
        String portless = url.replaceFirst(":\\d+/$", "");

        String after = lambda.getFunctionUrlConfig(b -> b.functionName("durable")).functionUrl();

        assertThat(after).isEqualTo(portless + ":" + gust.endpoint().getPort() + "/");
        assertThat(get(after).statusCode()).isEqualTo(200);
    }

    /** Creates an echo function with an {@code AWS_IAM} URL, writes {@code signed.py}, and returns the URL. */
    private static String awsIamUrl(String name) throws Exception {
        createEcho(name);
        writeSigner();
        return lambda.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.AWS_IAM))
                .functionUrl();
    }

    /** Writes {@code signed.py URL SERVICE}: a POST signed with botocore's SigV4Auth, printing status and body. */
    private static void writeSigner() throws Exception {
        Files.writeString(work.resolve("signed.py"), """
                import sys, urllib.request, botocore.session, botocore.auth, botocore.awsrequest
                request = botocore.awsrequest.AWSRequest(method='POST', url=sys.argv[1], data=b'{"signed": true}',
                                                         headers={'Content-Type': 'application/json'})
                botocore.auth.SigV4Auth(botocore.session.get_session().get_credentials(), sys.argv[2],
                                        'us-east-1').add_auth(request)
                prepared = request.prepare()
                try:
                    with urllib.request.urlopen(urllib.request.Request(prepared.url, data=prepared.body,
                            headers=dict(prepared.headers), method='POST')) as response:
                        print(response.status, response.read().decode())
                except urllib.error.HTTPError as e:
                    print(e.code, e.read().decode())
                """);
    }

    private static HttpResponse<String> get(String functionUrl) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(pathForm(functionUrl))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(Runnable call, int status, String type, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

}
