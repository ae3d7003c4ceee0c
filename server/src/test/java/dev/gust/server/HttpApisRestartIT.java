package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTP API, its routes and its stages survive a restart of the server, and its invoke URL keeps serving. */
class HttpApisRestartIT {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void anApiServesAfterARestart() throws Exception {
        Files.write(work.resolve("function.zip"), TestZips.pythonHandler("{'statusCode': 200, 'body': 'kept'}"));
        String apiId;
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result created = new ReadmeShell(work, gust).bash("""
                    aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
                    aws lambda create-function --function-name hello --runtime python3.12 \\
                        --role arn:aws:iam::000000000000:role/lambda-role --handler lambda_function.lambda_handler \\
                        --zip-file fileb://function.zip > /dev/null
                    api=$(aws apigatewayv2 create-api --name kept --protocol-type HTTP \\
                        --target arn:aws:lambda:us-east-1:000000000000:function:hello --query ApiId --output text)
                    aws lambda add-permission --function-name hello --statement-id apigw \\
                        --action lambda:InvokeFunction --principal apigateway.amazonaws.com \\
                        --source-arn "arn:aws:execute-api:us-east-1:000000000000:$api/*" > /dev/null
                    echo -n $api > api.id
                    """);
            assertThat(created.exitCode()).as(created.output()).isZero();
            apiId = Files.readString(work.resolve("api.id"));
        }
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result served = new ReadmeShell(work, gust).bash("""
                    curl -s -w ' %%{http_code}' "http://%s.execute-api.us-east-1.localhost:${AWS_ENDPOINT_URL##*:}/x"
                    """.formatted(apiId));
            assertThat(served.exitCode()).as(served.output()).isZero();
            assertThat(served.output()).isEqualTo("kept 200");
        }
    }
}
