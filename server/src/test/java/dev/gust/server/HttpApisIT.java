package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API Gateway HTTP APIs with the real AWS CLI ({@code aws apigatewayv2}), real functions and {@code curl} on their
 * invoke URLs ({@code http://<api-id>.execute-api.us-east-1.localhost:<port>/...}).
 */
class HttpApisIT {

    /** Defines {@code aws} on the server, {@code $port}, and the account's function ARN prefix {@code $fn}. */
    private static final String PRELUDE = """
            aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
            port=${AWS_ENDPOINT_URL##*:}
            fn=arn:aws:lambda:us-east-1:000000000000:function
            role=arn:aws:iam::000000000000:role/lambda-role
            """;
    private static final String ECHO = """
            import json
            def lambda_handler(event, context):
                ctx = event['requestContext']
                return {'statusCode': 200, 'headers': {'content-type': 'application/json', 'x-echo': 'yes'},
                        'body': json.dumps({'version': event.get('version'), 'routeKey': event.get('routeKey'),
                                            'rawPath': event.get('rawPath'), 'path': event.get('path'),
                                            'resource': event.get('resource'),
                                            'pathParameters': event.get('pathParameters'),
                                            'stageVariables': event.get('stageVariables'), 'stage': ctx.get('stage'),
                                            'apiId': ctx.get('apiId'), 'domainName': ctx.get('domainName'),
                                            'authorizer': ctx.get('authorizer')})}
            """;
    private static final String MOODY = """
            import time
            def lambda_handler(event, context):
                path = event['rawPath']
                if path == '/raise':
                    raise Exception('boom')
                if path == '/sleep':
                    time.sleep(3)
                    return 'late'
                if path == '/malformed':
                    return {'statusCode': 200, 'cookies': 'not-a-list'}
                return 'plain text'
            """;
    /** Signs a GET of the URL in argv[1] for execute-api with botocore, and prints the status and the body. */
    private static final String SIGNED_GET = """
            import sys, urllib.request, urllib.error, botocore.session, botocore.auth, botocore.awsrequest
            url = sys.argv[1]
            request = botocore.awsrequest.AWSRequest(method='GET', url=url)
            botocore.auth.SigV4Auth(botocore.session.get_session().get_credentials(), 'execute-api',
                                    'us-east-1').add_auth(request)
            try:
                with urllib.request.urlopen(urllib.request.Request(url, headers=dict(request.headers))) as response:
                    print(response.status, response.read().decode())
            except urllib.error.HTTPError as e:
                print(e.code, e.read().decode())
            """;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;
    static ReadmeShell shell;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
        shell = new ReadmeShell(work, gust);
        Files.write(work.resolve("echo.zip"), TestZips.zip(Map.of("lambda_function.py", ECHO)));
        ReadmeShell.Result created = shell.bash(PRELUDE + """
                aws lambda create-function --function-name echo --runtime python3.12 --role $role \\
                    --handler lambda_function.lambda_handler --zip-file fileb://echo.zip > /dev/null
                """);
        assertThat(created.exitCode()).as(created.output()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        gust.close();
    }

    private static ReadmeShell.Result run(String script) throws Exception {
        ReadmeShell.Result result = shell.bash(PRELUDE + script);
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result;
    }

    private static JsonNode json(String file) throws Exception {
        return Recording.parse(Files.readString(work.resolve(file)));
    }

    @Test
    void quickCreateServesTheFunctionOnceItsPolicyAllowsApiGateway() throws Exception {
        run("""
                api=$(aws apigatewayv2 create-api --name x --protocol-type HTTP --target $fn:echo \\
                    --query ApiId --output text)
                echo -n "$api" > quick.id
                aws apigatewayv2 get-api --api-id $api > quick-api.json
                curl -s -o denied.json -w '%{http_code}' -D denied.headers \\
                    http://$api.execute-api.us-east-1.localhost:$port/hello > denied.status
                aws lambda add-permission --function-name echo --statement-id quick-$api \\
                    --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\
                    --source-arn "arn:aws:execute-api:us-east-1:000000000000:$api/*" > /dev/null
                curl -s -o allowed.json -w '%{http_code}' -D allowed.headers \\
                    "http://$api.execute-api.us-east-1.localhost:$port/hello/world?x=1" > allowed.status
                """);
        String apiId = Files.readString(work.resolve("quick.id"));
        JsonNode api = json("quick-api.json");
        assertThat(api.path("ApiEndpoint").asText()).isEqualTo("http://" + apiId + ".execute-api.us-east-1.localhost:"
                + gust.endpoint().getPort());
        assertThat(api.path("ProtocolType").asText()).isEqualTo("HTTP");
        assertThat(api.path("RouteSelectionExpression").asText()).isEqualTo("${request.method} ${request.path}");
        assertThat(Files.readString(work.resolve("denied.status"))).isEqualTo("500");
        assertThat(Files.readString(work.resolve("denied.json"))).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(Files.readString(work.resolve("denied.headers")).toLowerCase()).contains("apigw-requestid: ");
        assertThat(Files.readString(work.resolve("allowed.status"))).isEqualTo("200");
        assertThat(Files.readString(work.resolve("allowed.headers")).toLowerCase()).contains("x-echo: yes")
                .contains("apigw-requestid: ");
        JsonNode event = json("allowed.json");
        assertThat(event.path("version").asText()).isEqualTo("2.0");
        assertThat(event.path("routeKey").asText()).isEqualTo("$default");
        assertThat(event.path("rawPath").asText()).isEqualTo("/hello/world");
        assertThat(event.path("stage").asText()).isEqualTo("$default");
        assertThat(event.path("apiId").asText()).isEqualTo(apiId);
        assertThat(event.path("domainName").asText()).isEqualTo(apiId + ".execute-api.us-east-1.localhost");
    }

    @Test
    void routesWithPathParametersAndStageVariablesReachAJavaHandlerTypedWithTheEventsLibrary() throws Exception {
        Path eventsJar = Path.of(APIGatewayV2HTTPEvent.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Map<String, byte[]> files = new LinkedHashMap<>(TestZips.javaClassFiles(work, Map.of("example/Items.java", """
                package example;

                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
                import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
                import java.util.Map;

                public class Items implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
                    @Override
                    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
                        String body = String.join("|", event.getRouteKey(), event.getRawPath(),
                                event.getRawQueryString(), event.getPathParameters().get("id"),
                                event.getStageVariables().get("color"), event.getRequestContext().getStage(),
                                event.getRequestContext().getHttp().getMethod(),
                                event.getQueryStringParameters().get("size"));
                        return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                                .withHeaders(Map.of("content-type", "text/plain")).withBody(body).build();
                    }
                }
                """), List.of(eventsJar)));
        files.put("lib/aws-lambda-java-events.jar", Files.readAllBytes(eventsJar));
        Files.write(work.resolve("items.zip"), TestZips.zipBytes(files));

        run("""
                aws lambda create-function --function-name items --runtime java21 --role $role --timeout 30 \\
                    --memory-size 512 --handler example.Items::handleRequest --zip-file fileb://items.zip > /dev/null
                api=$(aws apigatewayv2 create-api --name items --protocol-type HTTP --query ApiId --output text)
                integration=$(aws apigatewayv2 create-integration --api-id $api --integration-type AWS_PROXY \\
                    --integration-uri $fn:items --payload-format-version 2.0 --query IntegrationId --output text)
                aws apigatewayv2 create-route --api-id $api --route-key 'GET /items/{id}' \\
                    --target integrations/$integration > route.json
                aws apigatewayv2 create-stage --api-id $api --stage-name prod --auto-deploy \\
                    --stage-variables color=blue > stage.json
                aws lambda add-permission --function-name items --statement-id items \\
                    --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\
                    --source-arn "arn:aws:execute-api:us-east-1:000000000000:$api/*/*/items/{id}" > /dev/null
                curl -s -o item.txt -w '%{http_code}' \\
                    "http://$api.execute-api.us-east-1.localhost:$port/prod/items/42?size=large" > item.status
                curl -s -o other.json -w '%{http_code}' \\
                    "http://$api.execute-api.us-east-1.localhost:$port/prod/orders/42" > other.status
                curl -s -o nostage.json -w '%{http_code}' \\
                    "http://$api.execute-api.us-east-1.localhost:$port/items/42" > nostage.status
                """);
        assertThat(json("route.json").path("RouteKey").asText()).isEqualTo("GET /items/{id}");
        assertThat(json("stage.json").path("StageVariables").path("color").asText()).isEqualTo("blue");
        assertThat(Files.readString(work.resolve("item.status"))).isEqualTo("201");
        assertThat(Files.readString(work.resolve("item.txt")))
                .isEqualTo("GET /items/{id}|/prod/items/42|size=large|42|blue|prod|GET|large");
        assertThat(Files.readString(work.resolve("other.status"))).isEqualTo("404");
        assertThat(Files.readString(work.resolve("other.json"))).isEqualTo("{\"message\":\"Not Found\"}");
        assertThat(Files.readString(work.resolve("nostage.status"))).isEqualTo("404");
    }

    @Test
    void payloadFormatOneGivesTheFunctionTheVersionOneEvent() throws Exception {
        run("""
                api=$(aws apigatewayv2 create-api --name v1 --protocol-type HTTP --query ApiId --output text)
                integration=$(aws apigatewayv2 create-integration --api-id $api --integration-type AWS_PROXY \\
                    --integration-uri $fn:echo --payload-format-version 1.0 --query IntegrationId --output text)
                aws apigatewayv2 create-route --api-id $api --route-key 'ANY /things/{proxy+}' \\
                    --target integrations/$integration > /dev/null
                aws apigatewayv2 create-stage --api-id $api --stage-name '$default' --auto-deploy > /dev/null
                aws lambda add-permission --function-name echo --statement-id v1-$api \\
                    --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\
                    --source-arn "arn:aws:execute-api:us-east-1:000000000000:$api/*" > /dev/null
                curl -s -o v1.json -X POST -d 'hi' "http://$api.execute-api.us-east-1.localhost:$port/things/a/b"
                """);
        JsonNode event = json("v1.json");
        assertThat(event.path("version").asText()).isEqualTo("1.0");
        assertThat(event.path("resource").asText()).isEqualTo("/things/{proxy+}");
        assertThat(event.path("path").asText()).isEqualTo("/things/a/b");
        assertThat(event.path("pathParameters").path("proxy").asText()).isEqualTo("a/b");
    }

    @Test
    void answersCorsPreflightsWithoutInvokingTheFunction() throws Exception {
        run("""
                api=$(aws apigatewayv2 create-api --name cors --protocol-type HTTP --target $fn:nothing-here \\
                    --cors-configuration AllowOrigins=https://example.com,AllowMethods=GET,MaxAge=300 \\
                    --query ApiId --output text)
                curl -s -o preflight.txt -w '%{http_code}' -D preflight.headers -X OPTIONS \\
                    -H 'Origin: https://example.com' -H 'Access-Control-Request-Method: GET' \\
                    "http://$api.execute-api.us-east-1.localhost:$port/anything" > preflight.status
                aws apigatewayv2 get-api --api-id $api > cors-api.json
                """);
        assertThat(Files.readString(work.resolve("preflight.status"))).isEqualTo("204");
        assertThat(Files.readString(work.resolve("preflight.headers")).toLowerCase())
                .contains("access-control-allow-origin: https://example.com")
                .contains("access-control-max-age: 300");
        JsonNode cors = json("cors-api.json").path("CorsConfiguration");
        assertThat(cors.path("AllowOrigins").get(0).asText()).isEqualTo("https://example.com");
    }

    @Test
    void importsAnOpenApiDefinitionAndServesItsRoutes() throws Exception {
        Files.writeString(work.resolve("api.yaml"), """
                openapi: "3.0.1"
                info:
                  title: imported
                  version: "1"
                paths:
                  /greetings/{name}:
                    get:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        httpMethod: POST
                        uri: arn:aws:lambda:us-east-1:000000000000:function:echo
                        payloadFormatVersion: "2.0"
                """);
        run("""
                api=$(aws apigatewayv2 import-api --body file://api.yaml --query ApiId --output text)
                aws apigatewayv2 get-api --api-id $api > imported.json
                aws apigatewayv2 get-routes --api-id $api > imported-routes.json
                aws apigatewayv2 create-stage --api-id $api --stage-name '$default' --auto-deploy > /dev/null
                aws lambda add-permission --function-name echo --statement-id imported-$api \\
                    --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\
                    --source-arn "arn:aws:execute-api:us-east-1:000000000000:$api/*" > /dev/null
                curl -s -o greeting.json "http://$api.execute-api.us-east-1.localhost:$port/greetings/ada"
                """);
        assertThat(json("imported.json").path("Name").asText()).isEqualTo("imported");
        assertThat(json("imported-routes.json").path("Items").get(0).path("RouteKey").asText())
                .isEqualTo("GET /greetings/{name}");
        JsonNode event = json("greeting.json");
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /greetings/{name}");
        assertThat(event.path("pathParameters").path("name").asText()).isEqualTo("ada");
    }

    @Test
    void functionErrorsTimeoutsAndMalformedAnswersGetApiGatewaysAnswers() throws Exception {
        Files.write(work.resolve("moody.zip"), TestZips.zip(Map.of("lambda_function.py", MOODY)));
        run("""
                aws lambda create-function --function-name moody --runtime python3.12 --role $role --timeout 10 \\
                    --handler lambda_function.lambda_handler --zip-file fileb://moody.zip > /dev/null
                api=$(aws apigatewayv2 create-api --name moody --protocol-type HTTP --target $fn:moody \\
                    --query ApiId --output text)
                integration=$(aws apigatewayv2 get-integrations --api-id $api --query 'Items[0].IntegrationId' \\
                    --output text)
                aws apigatewayv2 update-integration --api-id $api --integration-id $integration \\
                    --timeout-in-millis 1000 > /dev/null
                aws lambda add-permission --function-name moody --statement-id moody \\
                    --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\
                    --source-arn "arn:aws:execute-api:us-east-1:000000000000:$api/*/\\$default" > /dev/null
                base=http://$api.execute-api.us-east-1.localhost:$port
                for path in plain raise sleep malformed; do
                    curl -s -o $path.out -w '%{http_code}' -D $path.headers $base/$path > $path.status
                done
                """);
        assertThat(Files.readString(work.resolve("plain.status"))).isEqualTo("200");
        assertThat(Files.readString(work.resolve("plain.out"))).isEqualTo("plain text");
        assertThat(Files.readString(work.resolve("plain.headers")).toLowerCase())
                .contains("content-type: application/json");
        for (String path : List.of("raise", "malformed")) {
            assertThat(Files.readString(work.resolve(path + ".status"))).as(path).isEqualTo("500");
            assertThat(Files.readString(work.resolve(path + ".out")))
                    .isEqualTo("{\"message\":\"Internal Server Error\"}");
        }
        assertThat(Files.readString(work.resolve("sleep.status"))).isEqualTo("503");
        assertThat(Files.readString(work.resolve("sleep.out"))).isEqualTo("{\"message\":\"Service Unavailable\"}");
    }

    @Test
    void anAwsIamRouteServesOnlySignedRequestsAndNamesTheCallerInTheEvent() throws Exception {
        Files.writeString(work.resolve("signed_get.py"), SIGNED_GET);
        run("""
                api=$(aws apigatewayv2 create-api --name iam --protocol-type HTTP --query ApiId --output text)
                integration=$(aws apigatewayv2 create-integration --api-id $api --integration-type AWS_PROXY \\
                    --integration-uri $fn:echo --payload-format-version 2.0 --query IntegrationId --output text)
                aws apigatewayv2 create-route --api-id $api --route-key 'GET /private' --authorization-type AWS_IAM \\
                    --target integrations/$integration > /dev/null
                aws apigatewayv2 create-stage --api-id $api --stage-name '$default' --auto-deploy > /dev/null
                aws lambda add-permission --function-name echo --statement-id iam-$api \\
                    --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\
                    --source-arn "arn:aws:execute-api:us-east-1:000000000000:$api/*" > /dev/null
                curl -s -o unsigned.json -w '%{http_code}' \\
                    "http://$api.execute-api.us-east-1.localhost:$port/private" > unsigned.status
                /usr/bin/python3 signed_get.py "http://127.0.0.1:$port/_gust/execute-api/$api/private" > signed.txt
                """);
        assertThat(Files.readString(work.resolve("unsigned.status"))).isEqualTo("403");
        assertThat(Files.readString(work.resolve("unsigned.json"))).contains("\"message\"");
        String signed = Files.readString(work.resolve("signed.txt"));
        assertThat(signed).startsWith("200 ");
        JsonNode event = Recording.parse(signed.substring(4));
        assertThat(event.path("routeKey").asText()).isEqualTo("GET /private");
        assertThat(event.path("authorizer").path("iam").path("accountId").asText()).isEqualTo("000000000000");
    }

    @Test
    void managesApisRoutesStagesAndDeploymentsWithTheCli() throws Exception {
        Files.writeString(work.resolve("v2.yaml"), """
                openapi: "3.0.1"
                info: {title: renamed-by-import, version: "2"}
                paths:
                  /v2:
                    get:
                      x-amazon-apigateway-integration:
                        type: aws_proxy
                        uri: arn:aws:lambda:us-east-1:000000000000:function:echo
                        payloadFormatVersion: "2.0"
                """);
        run("""
                api=$(aws apigatewayv2 create-api --name life --protocol-type HTTP --query ApiId --output text)
                aws apigatewayv2 update-api --api-id $api --name life2 --description 'the second' > updated.json
                integration=$(aws apigatewayv2 create-integration --api-id $api --integration-type AWS_PROXY \\
                    --integration-uri $fn:echo --payload-format-version 2.0 --query IntegrationId --output text)
                route=$(aws apigatewayv2 create-route --api-id $api --route-key 'GET /one' \\
                    --target integrations/$integration --query RouteId --output text)
                aws apigatewayv2 update-route --api-id $api --route-id $route --route-key 'GET /two' > route.json
                aws apigatewayv2 create-stage --api-id $api --stage-name manual > /dev/null
                deployment=$(aws apigatewayv2 create-deployment --api-id $api --stage-name manual \\
                    --description first --query DeploymentId --output text)
                aws apigatewayv2 update-stage --api-id $api --stage-name manual --stage-variables a=b > /dev/null
                aws apigatewayv2 get-stages --api-id $api > stages.json
                aws apigatewayv2 get-deployments --api-id $api > deployments.json
                aws apigatewayv2 get-apis > apis.json
                aws lambda add-permission --function-name echo --statement-id life-$api \\
                    --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\
                    --source-arn "arn:aws:execute-api:us-east-1:000000000000:$api/*" > /dev/null
                curl -s -o two.json -w '%{http_code}' "http://$api.execute-api.us-east-1.localhost:$port/manual/two" \\
                    > two.status
                aws apigatewayv2 reimport-api --api-id $api --body file://v2.yaml > reimported.json
                aws apigatewayv2 get-routes --api-id $api > reimported-routes.json
                curl -s -o still.json -w '%{http_code}' "http://$api.execute-api.us-east-1.localhost:$port/manual/two" \\
                    > still.status
                aws apigatewayv2 delete-stage --api-id $api --stage-name manual
                aws apigatewayv2 delete-deployment --api-id $api --deployment-id $deployment
                aws apigatewayv2 delete-api --api-id $api
                aws apigatewayv2 get-api --api-id $api 2> deleted.err || true
                curl -s -o gone.json -w '%{http_code}' "http://$api.execute-api.us-east-1.localhost:$port/manual/two" \\
                    > gone.status
                """);
        assertThat(json("updated.json").path("Name").asText()).isEqualTo("life2");
        assertThat(json("updated.json").path("Description").asText()).isEqualTo("the second");
        assertThat(json("route.json").path("RouteKey").asText()).isEqualTo("GET /two");
        JsonNode stage = json("stages.json").path("Items").get(0);
        assertThat(stage.path("StageName").asText()).isEqualTo("manual");
        assertThat(stage.path("StageVariables").path("a").asText()).isEqualTo("b");
        assertThat(json("deployments.json").path("Items").get(0).path("Description").asText()).isEqualTo("first");
        assertThat(json("apis.json").path("Items").findValuesAsText("Name")).contains("life2");
        assertThat(Files.readString(work.resolve("two.status"))).isEqualTo("200");
        assertThat(json("reimported.json").path("Name").asText()).isEqualTo("renamed-by-import");
        assertThat(json("reimported-routes.json").path("Items").findValuesAsText("RouteKey")).containsExactly("GET /v2");
        assertThat(Files.readString(work.resolve("still.status"))).as("a stage without auto-deploy serves its deployment")
                .isEqualTo("200");
        assertThat(Files.readString(work.resolve("deleted.err"))).contains("NotFoundException");
        assertThat(Files.readString(work.resolve("gone.status"))).isEqualTo("404");
    }

    @Test
    void refusesRequestsOverApiGatewaysAndLambdasLimitsWith413() throws Exception {
        run("""
                api=$(aws apigatewayv2 create-api --name big --protocol-type HTTP --target $fn:echo \\
                    --query ApiId --output text)
                aws lambda add-permission --function-name echo --statement-id big-$api \\
                    --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\
                    --source-arn "arn:aws:execute-api:us-east-1:000000000000:$api/*" > /dev/null
                head -c 7000000 /dev/zero | tr '\\0' a > seven.txt
                head -c 11000000 /dev/zero | tr '\\0' a > eleven.txt
                base=http://$api.execute-api.us-east-1.localhost:$port
                curl -s -o seven.json -w '%{http_code}' -H 'Content-Type: text/plain' --data-binary @seven.txt \\
                    $base/upload > seven.status
                curl -s -o eleven.json -w '%{http_code}' -H 'Content-Type: text/plain' --data-binary @eleven.txt \\
                    $base/upload > eleven.status || true
                """);
        assertThat(Files.readString(work.resolve("seven.status"))).as("over Lambda's 6 MB").isEqualTo("413");
        assertThat(Files.readString(work.resolve("seven.json")))
                .isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        assertThat(Files.readString(work.resolve("eleven.status"))).as("over API Gateway's 10 MB").isEqualTo("413");
    }

    @Test
    void answersMistakesWithApiGatewaysErrors() throws Exception {
        ReadmeShell.Result result = shell.bash(PRELUDE + """
                aws apigatewayv2 get-api --api-id nosuchapi1 || echo "get-api exit $?"
                api=$(aws apigatewayv2 create-api --name m --protocol-type HTTP --query ApiId --output text)
                aws apigatewayv2 create-route --api-id $api --route-key 'FETCH /x' || echo "create-route exit $?"
                aws apigatewayv2 create-route --api-id $api --route-key 'GET /x' > /dev/null
                aws apigatewayv2 create-route --api-id $api --route-key 'GET /x' || echo "duplicate exit $?"
                curl -s -w ' %{http_code}' "http://nosuchapi1.execute-api.us-east-1.localhost:$port/"; echo
                """);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("An error occurred (NotFoundException) when calling the GetApi operation")
                .contains("get-api exit 254")
                .contains("An error occurred (BadRequestException) when calling the CreateRoute operation")
                .contains("create-route exit 254")
                .contains("An error occurred (ConflictException) when calling the CreateRoute operation")
                .contains("duplicate exit 254")
                .contains("{\"message\":\"Not Found\"} 404");
    }
}
