package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API proxy event as functions see it, built with the CLI's {@code create-rest-api}, {@code create-resource}
 * ({@code {proxy+}}), {@code put-method} ({@code ANY}), {@code put-integration} ({@code AWS_PROXY}) and
 * {@code create-deployment}: compared field by field with real AWS's recording ({@code invocation-payload-*} of
 * LocalStack's {@code test_lambda_aws_proxy_integration}), and read by a Java handler typed with aws-lambda-java-events
 * ({@code APIGatewayProxyRequestEvent}) on the official runtime interface client, whose
 * {@code APIGatewayProxyResponseEvent} with {@code multiValueHeaders} maps back to the HTTP response.
 */
class RestApiEventIT {

    private static final String ECHO = """
            import json
            def lambda_handler(event, context):
                return {'statusCode': 200, 'body': json.dumps(event)}
            """;
    private static final String TYPED = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
            import java.util.List;
            import java.util.Map;
            public class Typed implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
                public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent e, Context c) {
                    var rc = e.getRequestContext();
                    String text = String.join("\\n",
                            "resource=" + e.getResource(), "path=" + e.getPath(), "httpMethod=" + e.getHttpMethod(),
                            "pathParameters=" + e.getPathParameters(),
                            "header=" + e.getHeaders().get("tEsT-HEADeR"),
                            "multiValueHeader=" + e.getMultiValueHeaders().get("tEsT-HEADeR"),
                            "query=" + e.getMultiValueQueryStringParameters(),
                            "stageVariables=" + e.getStageVariables(), "body=" + e.getBody(),
                            "isBase64Encoded=" + e.getIsBase64Encoded(),
                            "resourcePath=" + rc.getResourcePath(), "stage=" + rc.getStage(),
                            "contextPath=" + rc.getPath(), "accountId=" + rc.getAccountId(),
                            "apiId=" + rc.getApiId(), "protocol=" + rc.getProtocol(),
                            "userAgent=" + rc.getIdentity().getUserAgent(),
                            "sourceIp=" + rc.getIdentity().getSourceIp(),
                            "requestId=" + rc.getRequestId());
                    return new APIGatewayProxyResponseEvent().withStatusCode(203)
                            .withHeaders(Map.of("Content-Type", "text/plain"))
                            .withMultiValueHeaders(Map.of("x-multi", List.of("one", "two")))
                            .withBody(text);
                }
            }
            """;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;
    static ReadmeShell shell;

    @BeforeAll
    static void deployBothFunctionsBehindProxyResources() throws Exception {
        gust = GustProcess.start(dataDir);
        shell = new ReadmeShell(work, gust);
        Files.write(work.resolve("echo.zip"), TestZips.zip(Map.of("lambda_function.py", ECHO)));
        Path events = Path.of(APIGatewayProxyRequestEvent.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Map<String, byte[]> typed = new LinkedHashMap<>(TestZips.javaClassFiles(dataDir,
                Map.of("example/Typed.java", TYPED), List.of(events)));
        typed.put("lib/aws-lambda-java-events.jar", Files.readAllBytes(events));
        // packaged with its dependency, as a user's build does: the RIC's serializers load joda-time for it
        typed.put("lib/joda-time.jar", Files.readAllBytes(Path.of(org.joda.time.DateTime.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI())));
        Files.write(work.resolve("typed.zip"), TestZips.zipBytes(typed));
        ReadmeShell.Result setUp = shell.bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
                aws lambda create-function --function-name echo --runtime python3.12 \\
                    --role arn:aws:iam::000000000000:role/lambda-role --handler lambda_function.lambda_handler \\
                    --zip-file fileb://echo.zip > /dev/null
                aws lambda create-function --function-name typed --runtime java21 --memory-size 512 --timeout 20 \\
                    --role arn:aws:iam::000000000000:role/lambda-role --handler example.Typed::handleRequest \\
                    --zip-file fileb://typed.zip > /dev/null
                for fn in echo typed; do
                  API=$(aws apigateway create-rest-api --name $fn --query id --output text)
                  ROOT=$(aws apigateway get-resources --rest-api-id $API --query 'items[0].id' --output text)
                  PROXY=$(aws apigateway create-resource --rest-api-id $API --parent-id $ROOT --path-part '{proxy+}' \\
                      --query id --output text)
                  aws apigateway put-method --rest-api-id $API --resource-id $PROXY --http-method ANY \\
                      --authorization-type NONE > /dev/null
                  aws apigateway put-integration --rest-api-id $API --resource-id $PROXY --http-method ANY \\
                      --type AWS_PROXY --integration-http-method POST \\
                      --uri arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:$fn/invocations \\
                      > /dev/null
                  aws apigateway create-deployment --rest-api-id $API --stage-name stage > /dev/null
                  aws lambda add-permission --function-name $fn --statement-id apigateway \\
                      --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\
                      --source-arn "arn:aws:execute-api:us-east-1:000000000000:$API/*/*/*" > /dev/null
                  echo -n $API > $fn-api-id
                done
                """);
        assertThat(setUp.exitCode()).as(setUp.output()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        gust.close();
    }

    @Test
    void proxyEventHasTheFieldsOfRealAwsRecording() throws Exception {
        ReadmeShell.Result served = shell.bash("""
                curl -s "$AWS_ENDPOINT_URL/_gust/execute-api/$(cat echo-api-id)/stage/proxy-value" \\
                    -H 'Authorization: random-value' -H 'User-Agent: python-requests/testing' \\
                    -H 'tEsT-HEADeR: aValUE' > event.json
                """);
        assertThat(served.exitCode()).as(served.output()).isZero();
        JsonNode event = Recording.parse(Files.readString(work.resolve("event.json")));
        JsonNode recorded = TestFunctions.parse(new String(TestFunctions.corpus(
                "localstack/tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json"),
                StandardCharsets.UTF_8)).path("tests/aws/services/apigateway/test_apigateway_lambda.py::"
                        + "test_lambda_aws_proxy_integration").path("recorded-content")
                .path("invocation-payload-without-trailing-slash");

        assertThat(names(event)).isEqualTo(names(recorded));
        assertThat(names(event.path("requestContext"))).isEqualTo(names(recorded.path("requestContext")));
        assertThat(event.path("requestContext").path("identity"))
                .isEqualTo(withSourceIp(recorded.path("requestContext").path("identity"),
                        event.path("requestContext").path("identity").path("sourceIp").asText()));
        for (String field : List.of("body", "httpMethod", "isBase64Encoded", "multiValueQueryStringParameters",
                "path", "pathParameters", "queryStringParameters", "resource", "stageVariables")) {
            assertThat(event.path(field)).as(field).isEqualTo(recorded.path(field));
        }
        for (String field : List.of("accountId", "httpMethod", "path", "protocol", "resourcePath", "stage")) {
            String expected = recorded.path("requestContext").path(field).asText().replace("111111111111",
                    "000000000000");
            assertThat(event.path("requestContext").path(field).asText()).as(field).isEqualTo(expected);
        }
        assertThat(event.path("headers").path("tEsT-HEADeR").asText()).isEqualTo("aValUE");
        assertThat(event.path("multiValueHeaders").path("tEsT-HEADeR").toString()).isEqualTo("[\"aValUE\"]");
        assertThat(event.path("requestContext").path("requestTimeEpoch").isNumber()).isTrue();
    }

    @Test
    void javaHandlerTypedWithAwsLambdaJavaEventsReadsTheEventAndAnswersMultiValueHeaders() throws Exception {
        ReadmeShell.Result served = shell.bash("""
                curl -s -i "$AWS_ENDPOINT_URL/_gust/execute-api/$(cat typed-api-id)/stage/a/b?x=1&x=2" \\
                    -H 'User-Agent: typed-test' -H 'tEsT-HEADeR: aValUE' > typed.txt
                """);
        assertThat(served.exitCode()).as(served.output()).isZero();
        RestApisCliIT.Http answer = RestApisCliIT.Http.parse(Files.readString(work.resolve("typed.txt")));

        assertThat(answer.status()).as(answer.raw()).isEqualTo(203);
        assertThat(answer.raw()).containsIgnoringCase("x-multi: one").containsIgnoringCase("x-multi: two")
                .containsIgnoringCase("Content-Type: text/plain");
        assertThat(answer.body().lines()).contains("resource=/{proxy+}", "path=/a/b", "httpMethod=GET",
                "pathParameters={proxy=a/b}", "header=aValUE", "multiValueHeader=[aValUE]", "query={x=[1, 2]}",
                "stageVariables=null", "body=null", "isBase64Encoded=false", "resourcePath=/{proxy+}", "stage=stage",
                "contextPath=/stage/a/b", "accountId=000000000000",
                "apiId=" + Files.readString(work.resolve("typed-api-id")), "protocol=HTTP/1.1",
                "userAgent=typed-test", "sourceIp=127.0.0.1");
        assertThat(answer.body()).containsPattern("requestId=[0-9a-f-]{36}");
    }

    private static TreeSet<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode withSourceIp(JsonNode identity, String sourceIp) {
        var copy = (com.fasterxml.jackson.databind.node.ObjectNode) identity.deepCopy();
        copy.put("sourceIp", sourceIp);
        copy.put("userAgent", "python-requests/testing");
        return copy;
    }
}
