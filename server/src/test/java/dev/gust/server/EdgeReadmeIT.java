package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's sections on the service edge, run as written with bash, the real AWS CLI ({@code /usr/bin/aws}) and
 * real functions: "One endpoint for every service", "Calling AWS from a function" and "Resource-based policies";
 * and the AWS SDK for Java v2 configured by {@code AWS_ENDPOINT_URL} alone.
 */
class EdgeReadmeIT {

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
    void theOneEndpointStepsWorkWithTheCli() throws Exception {
        List<String> readme = ReadmeShell.section("## One endpoint for every service");
        assertThat(readme).hasSize(3);

        ReadmeShell.Result whoAmI = bash(readme.get(0));
        assertThat(whoAmI.exitCode()).as(whoAmI.output()).isZero();
        assertThat(whoAmI.output()).contains("\"Arn\": \"arn:aws:iam::000000000000:root\"",
                "\"Account\": \"000000000000\"");

        ReadmeShell.Result assumed = bash(readme.get(1));
        assertThat(assumed.exitCode()).as(assumed.output()).isZero();
        assertThat(assumed.output()).isEqualTo("arn:aws:sts::000000000000:assumed-role/deployer/me\n");
        ReadmeShell.Result role = bash("aws --endpoint-url \"$AWS_ENDPOINT_URL\" iam list-attached-role-policies "
                + "--role-name deployer --query 'AttachedPolicies[].PolicyName' --output text");
        assertThat(role.output()).isEqualTo("AWSLambda_FullAccess\n");

        ReadmeShell.Result unknown = bash(readme.get(2));
        assertThat(unknown.exitCode()).as(unknown.output()).isNotZero();
        assertThat(unknown.output()).contains("An error occurred (UnknownServiceException) when calling the ListTables "
                + "operation", "Gust does not host the service 'dynamodb' named in the request's credential scope; "
                + "it hosts: lambda, sts, iam, organizations, apigateway, sqs, sns");
    }

    @Test
    void aFunctionInvokesAnotherWithBoto3AndMayNotDeleteItThenPoliciesAreManaged() throws Exception {
        List<String> calling = ReadmeShell.section("## Calling AWS from a function");
        assertThat(calling).hasSize(1);
        ReadmeShell.Result call = bash(calling.get(0));
        assertThat(call.exitCode()).as(call.output()).isZero();
        assertThat(Files.readString(work.resolve("caller/out.json")))
                .isEqualTo("{\"answer\": \"hello from callee\", \"delete\": \"AccessDeniedException\"}");
        ReadmeShell.Result stillThere = bash("aws --endpoint-url \"$AWS_ENDPOINT_URL\" lambda get-function "
                + "--function-name callee --query Configuration.FunctionName --output text");
        assertThat(stillThere.output()).isEqualTo("callee\n");

        List<String> policies = ReadmeShell.section("## Resource-based policies");
        assertThat(policies).hasSize(1);
        ReadmeShell.Result policy = bash(policies.get(0));
        assertThat(policy.exitCode()).as(policy.output()).isZero();
        assertThat(policy.output()).contains("\"Principal\":{\"Service\":\"s3.amazonaws.com\"}",
                "\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:callee\"",
                "\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::photos\"}");
        ReadmeShell.Result removed = bash("aws --endpoint-url \"$AWS_ENDPOINT_URL\" lambda get-policy "
                + "--function-name callee || true");
        assertThat(removed.output()).contains("(ResourceNotFoundException)");
    }

    /** With {@code AWS_ENDPOINT_URL} set and nothing else, an unmodified SDK program reaches STS and Lambda. */
    @Test
    void theJavaSdkFindsEveryServiceThroughAwsEndpointUrlAlone() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EndpointUrlProbe.class.getName())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ENDPOINT_URL", gust.endpoint().toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", GustProcess.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", GustProcess.SECRET_KEY);
        env.put("HOME", work.toString()); // no ~/.aws config
        Path log = work.resolve("probe.log");
        Process probe = builder.redirectOutput(log.toFile()).start();
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(log);
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("sts: arn:aws:iam::000000000000:root\n").containsPattern("lambda: \\d+ functions");
    }

    private static ReadmeShell.Result bash(String script) throws Exception {
        return new ReadmeShell(work, gust).bash(script);
    }
}
