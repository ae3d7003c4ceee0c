package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS on the edge, with the real AWS SDK for Java v2 STS and Lambda clients, and the AWS CLI. */
class StsIT {

    private static final String ROLE = "arn:aws:iam::000000000000:role/service-role/deployer";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;
    static StsClient root;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
        IamTesting.createRole(work, gust, "/service-role/", "deployer");
        root = sts(gust.endpoint(), AwsBasicCredentials.create(GustProcess.ACCESS_KEY, GustProcess.SECRET_KEY));
    }

    @AfterAll
    static void stop() throws Exception {
        root.close();
        gust.close();
    }

    @Test
    void theServersKeyIsTheAccountsRoot() {
        GetCallerIdentityResponse identity = root.getCallerIdentity();

        assertThat(identity.arn()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(identity.userId()).isEqualTo("000000000000");
        assertThat(identity.account()).isEqualTo("000000000000");
    }

    @Test
    void assumedRoleCredentialsCallLambdaAndShowTheAssumedRole() {
        Instant before = Instant.now();
        AssumeRoleResponse assumed = root.assumeRole(r -> r.roleArn(ROLE).roleSessionName("it-session")
                .durationSeconds(900));

        Credentials credentials = assumed.credentials();
        assertThat(credentials.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
        assertThat(credentials.expiration()).isBetween(before.plusSeconds(899), before.plusSeconds(901));
        assertThat(assumed.assumedRoleUser().arn())
                .isEqualTo("arn:aws:sts::000000000000:assumed-role/deployer/it-session");
        assertThat(assumed.assumedRoleUser().assumedRoleId()).matches("AROA[A-Z2-7]{17}:it-session");
        assertThat(assumed.packedPolicySize()).isNull();

        try (LambdaClient lambda = lambda(gust.endpoint(), session(credentials));
                StsClient sts = sts(gust.endpoint(), session(credentials))) {
            assertThat(lambda.listFunctions().functions()).isNotNull();
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.arn()).isEqualTo(assumed.assumedRoleUser().arn());
            assertThat(identity.userId()).isEqualTo(assumed.assumedRoleUser().assumedRoleId());
            assertThat(identity.account()).isEqualTo("000000000000");
        }
    }

    @Test
    void aForgedSessionTokenIsRefused() {
        Credentials credentials = root.assumeRole(r -> r.roleArn(ROLE).roleSessionName("forger")).credentials();
        String token = credentials.sessionToken();
        int middle = token.length() / 2;
        String changed = token.substring(0, middle) + (token.charAt(middle) == 'A' ? 'B' : 'A')
                + token.substring(middle + 1);
        AwsSessionCredentials forged = AwsSessionCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey(), changed);

        try (StsClient sts = sts(gust.endpoint(), forged); LambdaClient lambda = lambda(gust.endpoint(), forged)) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The security token included in the request is invalid.");
            });
            assertThatThrownBy(lambda::listFunctions).isInstanceOfSatisfying(LambdaException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void badParametersGetStsValidationErrors() {
        assertThatThrownBy(() -> root.assumeRole(r -> r.roleArn(ROLE).roleSessionName("it").durationSeconds(10)))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value "
                            + "'10' at 'durationSeconds' failed to satisfy constraint: Member must have value greater "
                            + "than or equal to 900");
                });
        assertThatThrownBy(() -> root.assumeRole(r -> r.roleArn("arn:aws:iam::123456789012:role/x").roleSessionName("it")))
                .isInstanceOfSatisfying(StsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                });
    }

    /**
     * Sessions are stateless: they outlive a restart, and a server whose STS clock is past their expiry (the
     * test-only {@code gust.sts.clock-offset}, docs/design/security.md) refuses them as AWS does.
     */
    @Test
    void sessionsSurviveARestartAndExpireWithExpiredToken(@TempDir Path ownDataDir) throws Exception {
        Credentials credentials;
        try (GustProcess first = GustProcess.start(ownDataDir);
                StsClient sts = sts(first.endpoint(), AwsBasicCredentials.create(GustProcess.ACCESS_KEY,
                        GustProcess.SECRET_KEY))) {
            IamTesting.createRole(work, first, "/service-role/", "deployer");
            credentials = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("short").durationSeconds(900))
                    .credentials();
        }
        try (GustProcess restarted = GustProcess.start(ownDataDir);
                StsClient sts = sts(restarted.endpoint(), session(credentials))) {
            assertThat(sts.getCallerIdentity().arn()).endsWith(":assumed-role/deployer/short");
        }
        Duration pastExpiry = Duration.between(Instant.now(), credentials.expiration()).plusSeconds(5);
        try (GustProcess later = GustProcess.start(ownDataDir,
                Map.of("JAVA_TOOL_OPTIONS", "-Dgust.sts.clock-offset=" + pastExpiry));
                StsClient sts = sts(later.endpoint(), session(credentials));
                LambdaClient lambda = lambda(later.endpoint(), session(credentials))) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The security token included in the request is expired");
            });
            assertThatThrownBy(lambda::listFunctions).isInstanceOfSatisfying(LambdaException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
            });
        }
    }

    /** The same with the real AWS CLI ({@code /usr/bin/aws}) and boto3 ({@code /usr/bin/python3}). */
    @Test
    void assumesARoleAndUsesItsCredentialsWithTheCliAndBoto3() throws Exception {
        IamTesting.createRole(work, gust, "/", "cli-role");
        ReadmeShell.Result result = new ReadmeShell(work, gust).bash("""
                aws() { /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" "$@"; }
                aws sts get-caller-identity --query Arn --output text
                read -r key secret token < <(aws sts assume-role --role-arn arn:aws:iam::000000000000:role/cli-role \\
                    --role-session-name cli-session --duration-seconds 900 --output text \\
                    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')
                export AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token"
                aws sts get-caller-identity --output json
                aws lambda list-functions --query 'length(Functions)' --output text
                /usr/bin/python3 -c 'import boto3, os
                sts = boto3.client("sts", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
                print("boto3:", sts.get_caller_identity()["Arn"])'
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
                .contains("boto3: arn:aws:sts::000000000000:assumed-role/cli-role/cli-session\n")
                .contains("An error occurred (ValidationError) when calling the AssumeRole operation")
                .contains(": 1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy "
                        + "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*")
                .contains("assume-role exit 254")
                .contains("An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation")
                .contains(": The security token included in the request is invalid.")
                .contains("forged exit 254");
    }

    private static AwsSessionCredentials session(Credentials credentials) {
        return AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken());
    }

    static StsClient sts(URI endpoint, AwsCredentials credentials) {
        return StsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static LambdaClient lambda(URI endpoint, AwsCredentials credentials) {
        return LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }
}
