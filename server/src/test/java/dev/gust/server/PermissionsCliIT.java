package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aws lambda add-permission / get-policy / remove-permission} with the real AWS CLI ({@code /usr/bin/aws}). */
class PermissionsCliIT {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
    }

    @AfterAll
    static void stop() throws Exception {
        gust.close();
    }

    @Test
    void addsGetsAndRemovesPermissionsWithTheCli() throws Exception {
        Files.write(work.resolve("function.zip"), TestZips.pythonHandler("{'statusCode': 200}"));
        ReadmeShell shell = new ReadmeShell(work, gust);

        ReadmeShell.Result added = shell.bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
                aws lambda create-function --function-name hello --runtime python3.12 \\
                    --role arn:aws:iam::000000000000:role/lambda-role --handler lambda_function.lambda_handler \\
                    --zip-file fileb://function.zip > /dev/null
                aws lambda add-permission --function-name hello --statement-id s3-photos \\
                    --action lambda:InvokeFunction --principal s3.amazonaws.com \\
                    --source-arn arn:aws:s3:::photos --source-account 000000000000 > added.json
                aws lambda add-permission --function-name hello --statement-id account --action 'lambda:*' \\
                    --principal 000000000000 > /dev/null
                aws lambda get-policy --function-name hello > policy.json
                """);
        assertThat(added.exitCode()).as(added.output()).isZero();
        JsonNode statement = Recording.parse(Recording.parse(Files.readString(work.resolve("added.json")))
                .path("Statement").asText());
        assertThat(statement.toString()).isEqualTo("{\"Sid\":\"s3-photos\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\","
                + "\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:hello\",\"Condition\":{"
                + "\"StringEquals\":{\"AWS:SourceAccount\":\"000000000000\"},"
                + "\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::photos\"}}}");
        JsonNode policy = Recording.parse(Files.readString(work.resolve("policy.json")));
        JsonNode document = Recording.parse(policy.path("Policy").asText());
        assertThat(document.path("Statement").get(1).path("Principal").path("AWS").asText())
                .isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(policy.path("RevisionId").asText()).isNotBlank();

        ReadmeShell.Result removed = shell.bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" --output json "$@"; }
                aws lambda remove-permission --function-name hello --statement-id s3-photos \\
                    --revision-id %s
                aws lambda get-policy --function-name hello --query Policy --output text
                aws lambda remove-permission --function-name hello --statement-id account
                aws lambda get-policy --function-name hello || echo "get-policy exit $?"
                aws lambda remove-permission --function-name hello --statement-id account || echo "remove exit $?"
                """.formatted(policy.path("RevisionId").asText()));
        assertThat(removed.exitCode()).as(removed.output()).isZero();
        assertThat(removed.output()).contains("\"Sid\":\"account\"").doesNotContain("s3-photos")
                .contains("An error occurred (ResourceNotFoundException) when calling the GetPolicy operation "
                        + "(reached max retries: 0): The resource you requested does not exist.")
                .contains("get-policy exit 254")
                .contains("An error occurred (ResourceNotFoundException) when calling the RemovePermission operation "
                        + "(reached max retries: 0): No policy is associated with the given resource.")
                .contains("remove exit 254");
    }
}
