package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API Gateway REST APIs with the real AWS CLI ({@code /usr/bin/aws}) and curl: an OpenAPI file imported with
 * {@code import-rest-api}, deployed, allowed with {@code add-permission}, serving its routes; and the data plane's
 * failures (no route, unknown stage, no permission, a malformed answer) with API Gateway's statuses and bodies.
 */
class RestApisCliIT {

    private static final String FUNCTION = """
            import json, time
            def lambda_handler(event, context):
                if event['path'] == '/slow':
                    time.sleep(3)
                if event['path'].endswith('/malformed'):
                    return 'just a string'
                return {'statusCode': 201, 'headers': {'x-single': 'one'},
                        'multiValueHeaders': {'x-multi': ['a', 'b']}, 'body': json.dumps(event)}
            """;
    private static final String API = """
            openapi: 3.0.1
            info:
              title: pets
              version: '1.0'
            paths:
              /pets/{petId}:
                get:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:pets/invocations
              /pets/{petId}/malformed:
                get:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:pets/invocations
              /slow:
                get:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    timeoutInMillis: 1000
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:pets/invocations
              /secure:
                get:
                  security:
                    - sigv4: []
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:pets/invocations
              /locked:
                get:
                  x-amazon-apigateway-integration:
                    type: aws_proxy
                    httpMethod: POST
                    uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:locked/invocations
            components:
              securitySchemes:
                sigv4:
                  type: apiKey
                  name: Authorization
                  in: header
                  x-amazon-apigateway-authtype: awsSigv4
            """;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;
    static ReadmeShell shell;
    static String apiId;

    @BeforeAll
    static void importDeployAndAllow() throws Exception {
        gust = GustProcess.start(dataDir);
        shell = new ReadmeShell(work, gust);
        Files.write(work.resolve("function.zip"), TestZips.zip(Map.of("lambda_function.py", FUNCTION)));
        Files.writeString(work.resolve("api.yaml"), API);
        ReadmeShell.Result setUp = shell.bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
                for fn in pets locked; do
                  aws lambda create-function --function-name $fn --runtime python3.12 \\
                      --role arn:aws:iam::000000000000:role/lambda-role --handler lambda_function.lambda_handler \\
                      --zip-file fileb://function.zip > /dev/null
                done
                aws apigateway import-rest-api --body fileb://api.yaml > imported.json
                API=$(aws apigateway get-rest-apis --query 'items[0].id' --output text)
                aws apigateway create-deployment --rest-api-id $API --stage-name prod > deployment.json
                aws lambda add-permission --function-name pets --statement-id apigateway --action lambda:InvokeFunction \\
                    --principal apigateway.amazonaws.com \\
                    --source-arn "arn:aws:execute-api:us-east-1:000000000000:$API/*/*" > /dev/null
                echo -n $API > api-id
                """);
        assertThat(setUp.exitCode()).as(setUp.output()).isZero();
        apiId = Files.readString(work.resolve("api-id"));
    }

    @AfterAll
    static void stop() throws Exception {
        gust.close();
    }

    @Test
    void importAnswersTheNewApiInApiGatewaysShape() throws Exception {
        JsonNode imported = Recording.parse(Files.readString(work.resolve("imported.json")));

        assertThat(imported.path("id").asText()).as(imported.toString()).matches("[a-z0-9]{10}").isEqualTo(apiId);
        assertThat(imported.path("name").asText()).isEqualTo("pets");
        assertThat(imported.path("version").asText()).isEqualTo("1.0");
        assertThat(imported.path("apiKeySource").asText()).isEqualTo("HEADER");
        assertThat(imported.path("endpointConfiguration").path("types").toString()).isEqualTo("[\"EDGE\"]");
        assertThat(imported.path("createdDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        JsonNode deployment = Recording.parse(Files.readString(work.resolve("deployment.json")));
        assertThat(deployment.path("id").asText()).matches("[a-z0-9]{6}");
    }

    @Test
    void wireShapeIsCamelCaseWithEpochSecondsAndTheRootResource() throws Exception {
        ReadmeShell.Result got = shell.bash("""
                curl -s --aws-sigv4 "aws:amz:us-east-1:apigateway" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \\
                    "$AWS_ENDPOINT_URL/restapis/$(cat api-id)" > wire.json
                curl -s --aws-sigv4 "aws:amz:us-east-1:apigateway" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \\
                    "$AWS_ENDPOINT_URL/restapis/$(cat api-id)/resources?limit=500" > resources.json
                """);
        assertThat(got.exitCode()).as(got.output()).isZero();
        JsonNode api = Recording.parse(Files.readString(work.resolve("wire.json")));
        JsonNode resources = Recording.parse(Files.readString(work.resolve("resources.json")));

        assertThat(api.path("createdDate").isIntegralNumber()).as(api.toString()).isTrue();
        assertThat(api.path("endpointConfiguration").toString())
                .isEqualTo("{\"types\":[\"EDGE\"],\"ipAddressType\":\"ipv4\"}");
        String root = api.path("rootResourceId").asText();
        assertThat(root).matches("[a-z0-9]{10}");
        assertThat(resources.path("item").findValuesAsText("path"))
                .containsExactly("/", "/pets", "/pets/{petId}", "/pets/{petId}/malformed", "/slow", "/secure",
                        "/locked");
        assertThat(resources.path("item").get(0).path("id").asText()).isEqualTo(root);
        assertThat(resources.path("item").get(2).path("resourceMethods").toString()).isEqualTo("{\"GET\":{}}");
    }

    @Test
    void servesItsRoutesWithTheProxyEventAndTheFunctionsHeaders() throws Exception {
        ReadmeShell.Result served = shell.bash("""
                curl -s -i "$AWS_ENDPOINT_URL/_gust/execute-api/$(cat api-id)/prod/pets/42?x=1&x=2&y=3" \\
                    -H 'tEsT-HEADeR: aValUE' > path-form.txt
                PORT=${AWS_ENDPOINT_URL##*:}
                curl -s -i "http://127.0.0.1:$PORT/prod/pets/7" \\
                    -H "Host: $(cat api-id).execute-api.us-east-1.localhost:$PORT" > host-form.txt
                """);
        assertThat(served.exitCode()).as(served.output()).isZero();

        Http pathForm = Http.parse(Files.readString(work.resolve("path-form.txt")));
        assertThat(pathForm.status()).as(pathForm.raw()).isEqualTo(201);
        assertThat(pathForm.raw()).containsIgnoringCase("x-single: one").containsIgnoringCase("x-multi: a")
                .containsIgnoringCase("x-multi: b").containsIgnoringCase("x-amzn-RequestId: ")
                .containsIgnoringCase("x-amz-apigw-id: ").containsIgnoringCase("X-Amzn-Trace-Id: Root=1-");
        JsonNode event = Recording.parse(pathForm.body());
        assertThat(event.path("resource").asText()).isEqualTo("/pets/{petId}");
        assertThat(event.path("path").asText()).isEqualTo("/pets/42");
        assertThat(event.path("httpMethod").asText()).isEqualTo("GET");
        assertThat(event.path("pathParameters").toString()).isEqualTo("{\"petId\":\"42\"}");
        assertThat(event.path("multiValueQueryStringParameters").path("x").toString()).isEqualTo("[\"1\",\"2\"]");
        assertThat(event.path("headers").path("tEsT-HEADeR").asText()).isEqualTo("aValUE");
        assertThat(event.path("requestContext").path("stage").asText()).isEqualTo("prod");
        assertThat(event.path("requestContext").path("resourcePath").asText()).isEqualTo("/pets/{petId}");
        assertThat(event.path("requestContext").path("apiId").asText()).isEqualTo(apiId);
        assertThat(event.path("requestContext").path("accountId").asText()).isEqualTo("000000000000");

        Http hostForm = Http.parse(Files.readString(work.resolve("host-form.txt")));
        assertThat(hostForm.status()).as(hostForm.raw()).isEqualTo(201);
        JsonNode hostEvent = Recording.parse(hostForm.body());
        assertThat(hostEvent.path("pathParameters").path("petId").asText()).isEqualTo("7");
        assertThat(hostEvent.path("requestContext").path("domainName").asText())
                .isEqualTo(apiId + ".execute-api.us-east-1.localhost");
        assertThat(hostEvent.path("requestContext").path("domainPrefix").asText()).isEqualTo(apiId);
    }

    @Test
    void awsIamMethodsServeOnlyRequestsSignedForExecuteApi() throws Exception {
        ReadmeShell.Result served = shell.bash("""
                URL="$AWS_ENDPOINT_URL/_gust/execute-api/$(cat api-id)/prod/secure"
                curl -s -i "$URL" > unsigned.txt
                curl -s -i --aws-sigv4 "aws:amz:us-east-1:execute-api" \\
                    --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" "$URL" > signed.txt
                """);
        assertThat(served.exitCode()).as(served.output()).isZero();

        Http unsigned = Http.parse(Files.readString(work.resolve("unsigned.txt")));
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
        Http signed = Http.parse(Files.readString(work.resolve("signed.txt")));
        assertThat(signed.status()).as(signed.raw()).isEqualTo(201);
        JsonNode event = Recording.parse(signed.body());
        assertThat(event.path("resource").asText()).isEqualTo("/secure");
        JsonNode identity = event.path("requestContext").path("identity");
        assertThat(identity.path("accessKey").asText()).isEqualTo(GustProcess.ACCESS_KEY);
        assertThat(identity.path("accountId").asText()).isEqualTo("000000000000");
        assertThat(identity.path("caller").asText()).isEqualTo("000000000000");
        assertThat(identity.path("userArn").asText()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(identity.path("sourceIp").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void answersApiGatewaysErrorsForWhatItCannotServe() throws Exception {
        ReadmeShell.Result served = shell.bash("""
                BASE="$AWS_ENDPOINT_URL/_gust/execute-api/$(cat api-id)"
                curl -s -i "$BASE/prod/nowhere" > no-route.txt
                curl -s -i -X POST "$BASE/prod/pets/42" > no-method.txt
                curl -s -i "$BASE/staging/pets/42" > no-stage.txt
                curl -s -i "$BASE/prod/locked" > no-permission.txt
                curl -s -i "$BASE/prod/pets/42/malformed" > malformed.txt
                curl -s -i "$BASE/prod/slow" > slow.txt
                head -c 10485761 /dev/zero | curl -s -i -X POST --data-binary @- "$BASE/prod/pets/42" > large.txt
                """);
        assertThat(served.exitCode()).as(served.output()).isZero();

        for (String noRoute : new String[] {"no-route.txt", "no-method.txt"}) {
            Http answer = Http.parse(Files.readString(work.resolve(noRoute)));
            assertThat(answer.status()).as(noRoute).isEqualTo(403);
            assertThat(answer.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
            assertThat(answer.raw()).containsIgnoringCase("x-amzn-ErrorType: MissingAuthenticationTokenException");
        }
        Http noStage = Http.parse(Files.readString(work.resolve("no-stage.txt")));
        assertThat(noStage.status()).isEqualTo(403);
        assertThat(noStage.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        Http noPermission = Http.parse(Files.readString(work.resolve("no-permission.txt")));
        assertThat(noPermission.status()).isEqualTo(500);
        assertThat(noPermission.body()).isEqualTo("{\"message\": \"Internal server error\"}");
        Http malformed = Http.parse(Files.readString(work.resolve("malformed.txt")));
        assertThat(malformed.status()).isEqualTo(502);
        assertThat(malformed.body()).isEqualTo("{\"message\": \"Internal server error\"}");
        Http slow = Http.parse(Files.readString(work.resolve("slow.txt")));
        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.body()).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
        assertThat(Http.parse(Files.readString(work.resolve("large.txt"))).status()).as("over 10 MB").isEqualTo(413);
    }

    @Test
    void cliShowsApiGatewaysErrorsForBadRequests() throws Exception {
        ReadmeShell.Result errors = shell.bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
                aws apigateway get-rest-api --rest-api-id nosuchapi0 || echo "exit $?"
                aws apigateway create-stage --rest-api-id $(cat api-id) --stage-name prod \\
                    --deployment-id $(aws apigateway get-deployments --rest-api-id $(cat api-id) \\
                        --query 'items[0].id' --output text) || echo "exit $?"
                aws apigateway put-integration --rest-api-id $(cat api-id) \\
                    --resource-id $(aws apigateway get-resources --rest-api-id $(cat api-id) \\
                        --query "items[?path=='/locked'].id" --output text) \\
                    --http-method GET --type AWS_PROXY --integration-http-method POST --uri not-an-arn || echo "exit $?"
                """);
        assertThat(errors.exitCode()).as(errors.output()).isZero();
        assertThat(errors.output())
                .contains("An error occurred (NotFoundException) when calling the GetRestApi operation"
                        + " (reached max retries: 0): "
                        + "Invalid API identifier specified 000000000000:nosuchapi0")
                .contains("An error occurred (ConflictException) when calling the CreateStage operation"
                        + " (reached max retries: 0): "
                        + "Stage already exists")
                .contains("An error occurred (BadRequestException) when calling the PutIntegration operation"
                        + " (reached max retries: 0): "
                        + "Invalid ARN specified in the request")
                .doesNotContain("exit 0");
    }

    /** An HTTP response as {@code curl -i} printed it. */
    record Http(int status, String body, String raw) {

        static Http parse(String raw) {
            String[] parts = raw.split("\r\n\r\n", 2);
            int status = Integer.parseInt(parts[0].split(" ")[1]);
            return new Http(status, parts.length > 1 ? parts[1] : "", raw);
        }
    }
}
