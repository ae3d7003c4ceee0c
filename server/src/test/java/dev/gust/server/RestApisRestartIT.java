package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REST APIs are durable: an API built with the CLI (a resource, a method, an integration, a deployment and a stage
 * with variables) is there after a restart, and its stage serves the same routes.
 */
class RestApisRestartIT {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void apisDeploymentsAndStagesSurviveARestart() throws Exception {
        String before;
        GustProcess gust = GustProcess.start(dataDir);
        try {
            ReadmeShell.Result built = new ReadmeShell(work, gust).bash("""
                    aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
                    API=$(aws apigateway create-rest-api --name durable --query id --output text)
                    ROOT=$(aws apigateway get-resources --rest-api-id $API --query 'items[0].id' --output text)
                    ITEM=$(aws apigateway create-resource --rest-api-id $API --parent-id $ROOT --path-part '{id}' \\
                        --query id --output text)
                    aws apigateway put-method --rest-api-id $API --resource-id $ITEM --http-method GET \\
                        --authorization-type NONE > /dev/null
                    aws apigateway put-integration --rest-api-id $API --resource-id $ITEM --http-method GET \\
                        --type AWS_PROXY --integration-http-method POST \\
                        --uri arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:gone/invocations \\
                        > /dev/null
                    aws apigateway create-deployment --rest-api-id $API --stage-name live --variables color=blue \\
                        > /dev/null
                    echo -n $API > api-id
                    aws apigateway get-stage --rest-api-id $API --stage-name live > before.json
                    """);
            assertThat(built.exitCode()).as(built.output()).isZero();
            before = Files.readString(work.resolve("before.json"));
        } finally {
            gust.close();
        }

        try (GustProcess restarted = GustProcess.start(dataDir)) {
            ReadmeShell.Result after = new ReadmeShell(work, restarted).bash("""
                    aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
                    API=$(cat api-id)
                    aws apigateway get-stage --rest-api-id $API --stage-name live > after.json
                    aws apigateway get-rest-api --rest-api-id $API --query name --output text
                    aws apigateway get-resources --rest-api-id $API --query 'items[].path' --output text
                    BASE="$AWS_ENDPOINT_URL/_gust/execute-api/$API/live"
                    echo "matched $(curl -s -o /dev/null -w '%{http_code}' "$BASE/42")"
                    echo "unmatched $(curl -s -o /dev/null -w '%{http_code}' "$BASE/42/more")"
                    """);
            assertThat(after.exitCode()).as(after.output()).isZero();
            assertThat(Files.readString(work.resolve("after.json"))).isEqualTo(before).contains("\"color\": \"blue\"");
            assertThat(after.output()).contains("durable\n", "/\t/{id}\n");
            assertThat(after.output()).as("the route still matches (the function is gone: 500), the unknown path"
                    + " does not (403)").contains("matched 500", "unmatched 403");
        }
    }
}
