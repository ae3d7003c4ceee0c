package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Accounts are namespaces: the server's key pair is the root of its configured account, which sees only its own
 * functions. (Two accounts at once need IAM/Organizations credentials; here the same data dir is served as two
 * accounts in turn.)
 */
class AccountsIT {

    @TempDir
    Path dataDir;

    @Test
    void anotherAccountOnTheSameDataDirSeesOnlyItsOwnFunctions() throws Exception {
        try (TestServer first = TestServer.start(dataDir, Map.of())) {
            create(first.lambda(), "first", "000000000000");
        }

        try (TestServer second = TestServer.start(dataDir, Map.of("GUST_ACCOUNT_ID", "111122223333"))) {
            assertThat(second.gust().health().get("accountId").asText()).isEqualTo("111122223333");
            assertThat(second.lambda().listFunctions().functions()).isEmpty();

            FunctionConfiguration created = create(second.lambda(), "second", "111122223333");

            assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:111122223333:function:x");
            assertThat(second.lambda().invoke(b -> b.functionName("x")).payload().asUtf8String())
                    .isEqualTo("\"second\"");
        }

        try (TestServer first = TestServer.start(dataDir, Map.of())) {
            assertThat(first.lambda().listFunctions().functions()).extracting(FunctionConfiguration::functionArn)
                    .containsExactly("arn:aws:lambda:us-east-1:000000000000:function:x");
            assertThat(first.lambda().invoke(b -> b.functionName("x")).payload().asUtf8String())
                    .isEqualTo("\"first\"");
        }
    }

    /** Creates {@code x} with a role of its own account (dev mode creates it), as Lambda needs. */
    private static FunctionConfiguration create(LambdaClient lambda, String answer, String account) {
        var response = lambda.createFunction(b -> b.functionName("x").runtime("python3.12")
                .role("arn:aws:iam::" + account + ":role/lambda-role").handler("app.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of("app.py",
                        "def handler(event, context):\n    return '" + answer + "'\n"))))));
        return FunctionConfiguration.builder().functionArn(response.functionArn()).build();
    }
}
