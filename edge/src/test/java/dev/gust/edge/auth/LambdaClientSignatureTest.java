package dev.gust.edge.auth;

import static dev.gust.edge.auth.SigV4VerifierTest.CREDENTIALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * What the real Lambda client of the AWS SDK for Java v2 sends (its serializer percent-encodes the function ARN
 * and {@code $LATEST}; its signer encodes the path once more) passes verification. The client signs with the
 * system clock, so the verifier's clock is fixed at the {@code X-Amz-Date} the client sent.
 */
class LambdaClientSignatureTest {

    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:foo";

    final CapturingHttpClient http = new CapturingHttpClient();
    final LambdaClient lambda = LambdaClient.builder()
            .httpClient(http)
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("https://" + SdkSigner.ENDPOINT_HOST))
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey())))
            .build();

    @AfterEach
    void close() {
        lambda.close();
    }

    @Test
    void acceptsGetFunctionConfigurationByArnWithLatestQualifier() {
        lambda.getFunctionConfiguration(r -> r.functionName(ARN).qualifier("$LATEST"));

        WireRequest sent = http.last();
        assertThat(sent.rawPath()).isEqualTo(
                "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afoo/configuration");
        assertThat(sent.rawQuery()).isEqualTo("Qualifier=%24LATEST");
        assertAccepted(sent);
    }

    @Test
    void acceptsInvokeOfAQualifiedArnWithAJsonPayload() {
        lambda.invoke(r -> r.functionName(ARN + ":$LATEST").payload(SdkBytes.fromUtf8String("{\"key\":\"välue\"}")));

        WireRequest sent = http.last();
        assertThat(sent.rawPath()).isEqualTo("/2015-03-31/functions/"
                + "arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afoo%3A%24LATEST/invocations");
        assertAccepted(sent);
    }

    @Test
    void acceptsListFunctionsWithMarkerAndMaxItems() {
        lambda.listFunctions(r -> r.marker("eyJtIjoiYSBiK2MvZD0ifQ==").maxItems(10));

        WireRequest sent = http.last();
        assertThat(sent.rawQuery()).contains("Marker=", "MaxItems=10");
        assertAccepted(sent);
    }

    private static void assertAccepted(WireRequest sent) {
        SigningTime signedAt = SigningTime.parse(sent.header("X-Amz-Date"), false);
        SigV4Verifier verifier = new SigV4Verifier(CREDENTIALS, "us-east-1", "lambda",
                InstantSource.fixed(java.time.Instant.ofEpochSecond(signedAt.epochSecond())));
        assertThatCode(() -> verifier.verify(sent.toSignedRequest())).doesNotThrowAnyException();
    }
}
