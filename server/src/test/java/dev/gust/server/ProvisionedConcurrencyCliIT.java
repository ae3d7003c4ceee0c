package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Provisioned concurrency" section, run as written with bash and the real AWS CLI
 * ({@code /usr/bin/aws}) against a fresh server: two instances provisioned on version 1, READY, and the first invoke
 * runs warm (no Init Duration) on one of them.
 */
class ProvisionedConcurrencyCliIT {

    /** The health document's provisioned instances of {@code warm:1}, named by ARN. */
    private static final String WARM_1 = "/engine/provisioned/arn:aws:lambda:us-east-1:000000000000:function:warm:1";

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
    void theReadmeStepsProvisionTwoInstancesAndTheFirstInvokeRunsWarm() throws Exception {
        List<String> readme = ReadmeShell.section("## Provisioned concurrency");
        assertThat(readme).hasSize(2);
        ReadmeShell shell = new ReadmeShell(work, gust);

        ReadmeShell.Result provision = shell.bash(readme.get(0));

        assertThat(provision.exitCode()).as(provision.output()).isZero();
        assertThat(provision.output()).contains("\"Status\": \"IN_PROGRESS\"", "\"Version\": \"1\"")
                .contains("\nREADY\n")
                .contains("REPORT RequestId:").doesNotContain("Init Duration");
        assertThat(Files.readString(work.resolve("out.json"))).isEqualTo("\"provisioned-concurrency\"");
        assertThat(AsyncTesting.health(gust).at(WARM_1 + "/ready").asInt()).isEqualTo(2);

        ReadmeShell.Result manage = shell.bash(readme.get(1));

        assertThat(manage.exitCode()).as(manage.output()).isZero();
        assertThat(manage.output()).contains("\"FunctionArn\": \"arn:aws:lambda:us-east-1:000000000000:function:warm:1\"",
                "\"RequestedProvisionedConcurrentExecutions\": 2", "\"AllocatedProvisionedConcurrentExecutions\": 2",
                "\"Status\": \"READY\"");
        ReadmeShell.Result gone = shell.bash("""
                aws --endpoint-url "$AWS_ENDPOINT_URL" lambda get-provisioned-concurrency-config \\
                    --function-name warm --qualifier 1
                """);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.output()).contains("ProvisionedConcurrencyConfigNotFoundException",
                "No Provisioned Concurrency Config found for this function");
        assertThat(AsyncTesting.health(gust).at(WARM_1).isMissingNode()).isTrue();
    }
}
