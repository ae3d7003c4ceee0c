package dev.gust.edge.auth;

import static dev.gust.edge.auth.SigV4VerifierTest.CREDENTIALS;
import static dev.gust.edge.auth.SigV4VerifierTest.FUNCTION_ARN;
import static dev.gust.edge.auth.SigV4VerifierTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests signed by botocore (its Lambda client, {@code SigV4Auth} and {@code SigV4QueryAuth}) pass verification. */
class BotocoreSignatureTest {

    static final String SESSION_TOKEN = "FwoGZXIvYXdzEBYaDH+session/token==";
    static Map<String, WireRequest> signed;

    final SigV4Verifier verifier = new SigV4Verifier(CREDENTIALS, "us-east-1", "lambda", InstantSource.fixed(NOW));

    @BeforeAll
    static void signWithBotocore() throws Exception {
        signed = Botocore.signedRequests(CREDENTIALS, SESSION_TOKEN, FUNCTION_ARN, NOW);
    }

    @Test
    void acceptsGetFunctionConfigurationByEncodedArnWithLatestQualifier() {
        WireRequest request = signed.get("getFunctionConfiguration");

        assertThat(request.rawPath()).isEqualTo(
                "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afoo/configuration");
        assertThat(request.rawQuery()).isEqualTo("Qualifier=%24LATEST");
        assertThat(request.header("X-Amz-Date")).isEqualTo("20240101T002500Z");
        assertAccepted(request);
    }

    @Test
    void acceptsInvokeWithAJsonPayload() {
        WireRequest request = signed.get("invoke");

        assertThat(request.rawPath()).endsWith("function%3Afoo%3A%24LATEST/invocations");
        assertAccepted(request);
    }

    @Test
    void acceptsListFunctionsWithMarkerAndMaxItems() {
        WireRequest request = signed.get("listFunctions");

        assertThat(request.rawQuery()).contains("Marker=", "MaxItems=10");
        assertAccepted(request);
    }

    @Test
    void acceptsAnEncodedArnPathSignedBySigV4Auth() {
        WireRequest request = signed.get("sigV4AuthArnPath");

        assertThat(request.rawPath()).contains("function%3Afoo%3A%24LATEST/configuration");
        assertAccepted(request);
    }

    @Test
    void acceptsAUrlPresignedWithTheBodyHash() {
        WireRequest request = signed.get("presigned");

        assertThat(request.rawQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=300");
        assertThat(request.header("Authorization")).isNull();
        assertAccepted(request);
    }

    @Test
    void acceptsASignedSessionToken() {
        WireRequest request = signed.get("sessionToken");

        assertThat(request.header("X-Amz-Security-Token")).isEqualTo(SESSION_TOKEN);
        assertThat(request.header("Authorization")).contains("x-amz-security-token");
        assertAccepted(request);
    }

    @Test
    void rejectsABotocoreRequestWhoseBodyWasChanged() {
        WireRequest request = signed.get("invoke").withBody("{\"key\": \"other\"}");

        SigV4VerifierTest.assertRejected(verifier, request, dev.gust.edge.AuthFailure.INVALID_SIGNATURE, SigV4VerifierFailureTest.MISMATCH);
    }

    private void assertAccepted(WireRequest request) {
        assertThatCode(() -> verifier.verify(request.toSignedRequest())).doesNotThrowAnyException();
    }
}
