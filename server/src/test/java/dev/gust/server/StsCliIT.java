package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aws sts get-caller-identity} and {@code aws sts assume-role} with the real AWS CLI ({@code /usr/bin/aws}). */
class StsCliIT {

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
    void assumesARoleAndUsesItsCredentialsWithTheCli() throws Exception {
        ReadmeShell.Result result = new ReadmeShell(work, gust).bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; }
                aws sts get-caller-identity --query Arn --output text
                read -r key secret token < <(aws sts assume-role --role-arn arn:aws:iam::000000000000:role/cli-role \\
                    --role-session-name cli-session --duration-seconds 900 --output text \\
                    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')
                export AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token"
                aws sts get-caller-identity --output json
                aws lambda list-functions --query 'length(Functions)' --output text
                aws sts assume-role --role-arn arn:aws:iam::000000000000:role/cli-role --role-session-name 'a b' \\
                    || echo "assume-role exit $?"
                AWS_SESSION_TOKEN="${token}x" aws sts get-caller-identity || echo "forged exit $?"
                """);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("arn:aws:iam::000000000000:root\n")
                .containsPattern("\"UserId\": \"AROA[A-Z2-7]{17}:cli-session\"")
                .contains("\"Arn\": \"arn:aws:sts::000000000000:assumed-role/cli-role/cli-session\"")
                .contains("\n0\n")
                .contains("An error occurred (ValidationError) when calling the AssumeRole operation: 1 validation "
                        + "error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: [\\w+=,.@-]*")
                .contains("assume-role exit 254")
                .contains("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: "
                        + "The security token included in the request is invalid.")
                .contains("forged exit 254");
    }
}
