package dev.gust.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.edge.AuthFailure;
import dev.gust.edge.Caller;
import dev.gust.edge.CredentialsResolver;
import dev.gust.edge.EdgeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Requests signed by the AWS SDK for Java v2's own signer are accepted, in both the header and the query form. */
class SigV4VerifierTest {

    static final Credentials CREDENTIALS = new Credentials("AKIDGUSTTEST00000001", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYGUSTTEST");
    static final Instant NOW = Instant.parse("2024-01-01T00:25:00Z");
    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:foo";

    final SdkSigner sdk = SdkSigner.lambda(CREDENTIALS, NOW);
    final SigV4Verifier verifier = new SigV4Verifier(CREDENTIALS, "us-east-1", "lambda", InstantSource.fixed(NOW));

    @Test
    void acceptsGetWithQueryParameters() {
        WireRequest request = sdk.sign(SdkSigner.request(SdkHttpMethod.GET, "/2015-03-31/functions/")
                .putRawQueryParameter("Marker", "eyJhIjoiYiBjIn0=/+~next page")
                .putRawQueryParameter("MaxItems", "10")
                .build());

        assertAccepted(request);
    }

    @Test
    void acceptsPostWithJsonBody() {
        WireRequest request = sdk.sign(post("/2015-03-31/functions", "{\"FunctionName\":\"foo\",\"Runtime\":\"java21\"}"));

        assertAccepted(request);
    }

    @Test
    void acceptsAFunctionArnInThePathWithItsColonsPercentEncoded() {
        String path = "/2015-03-31/functions/" + SdkHttpUtils.urlEncode(FUNCTION_ARN) + "/configuration";
        WireRequest request = sdk.sign(SdkSigner.request(SdkHttpMethod.GET, path)
                .putRawQueryParameter("Qualifier", "$LATEST").build());

        assertThat(request.rawPath())
                .isEqualTo("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afoo/configuration");
        assertThat(request.rawQuery()).isEqualTo("Qualifier=%24LATEST");
        assertAccepted(request);
    }

    @Test
    void acceptsALatestQualifierInsideAnEncodedArnPath() {
        String path = "/2015-03-31/functions/" + SdkHttpUtils.urlEncode(FUNCTION_ARN + ":$LATEST") + "/invocations";
        WireRequest request = sdk.sign(post(path, "{\"key\":\"value\"}"));

        assertThat(request.rawPath()).endsWith("function%3Afoo%3A%24LATEST/invocations");
        assertAccepted(request);
    }

    @Test
    void acceptsAPresignedUrl() {
        WireRequest request = sdk.presign(SdkSigner.request(SdkHttpMethod.GET,
                        "/2015-03-31/functions/" + SdkHttpUtils.urlEncode(FUNCTION_ARN) + "/configuration")
                .putRawQueryParameter("Qualifier", "$LATEST").build(), Duration.ofMinutes(5));

        assertThat(request.rawQuery()).contains("X-Amz-Signature=", "X-Amz-Expires=300");
        assertThat(request.header("Authorization")).isNull();
        assertAccepted(request);
    }

    @Test
    void acceptsAPresignedUrlWhosePayloadIsUnsigned() {
        WireRequest request = sdk.presignWithUnsignedPayload(post("/2015-03-31/functions/foo/invocations", "{}"),
                Duration.ofMinutes(5));

        assertAccepted(request);
        assertAccepted(request.withBody("{\"the body is not signed\":true}"));
    }

    @Test
    void acceptsAPresignedUrlUpToItsExpiry() {
        WireRequest request = sdk.at(NOW.minus(Duration.ofHours(1)))
                .presign(SdkSigner.request(SdkHttpMethod.GET, "/2015-03-31/functions/").build(), Duration.ofHours(2));

        assertAccepted(request);
    }

    @Test
    void acceptsAPayloadDeclaredUnsigned() {
        WireRequest request = sdk.signWithUnsignedPayload(post("/2015-03-31/functions/foo/invocations", "{}"));

        assertThat(request.header("x-amz-content-sha256")).isEqualTo("UNSIGNED-PAYLOAD");
        assertAccepted(request.withBody("{\"anything\":true}"));
    }

    @Test
    void acceptsASignedSecurityToken() {
        WireRequest request = sdk.withSessionToken("FwoGZXIvYXdzEBYaDH+session/token==")
                .sign(SdkSigner.request(SdkHttpMethod.GET, "/2015-03-31/functions/").build());

        assertThat(request.header("X-Amz-Security-Token")).isNotNull();
        assertAccepted(request);
    }

    @Test
    void acceptsAHeaderAddedAfterSigningThatIsNotSigned() {
        WireRequest request = sdk.sign(post("/2015-03-31/functions/foo/invocations", "{}"));

        assertAccepted(request.withHeader("X-Forwarded-For", "10.0.0.1").withHeader("Accept-Encoding", "gzip"));
    }

    @Test
    void acceptsHeaderValuesWhoseWhiteSpaceWasChangedInTransit() {
        WireRequest request = sdk.sign(SdkSigner.request(SdkHttpMethod.GET, "/2015-03-31/functions/")
                .putHeader("X-Amz-Client-Context", "a  b\t c").build());

        assertAccepted(request.withHeader("X-Amz-Client-Context", "  a b c  "));
    }

    @Test
    void acceptsARequestSignedFifteenMinutesAgoOrFifteenMinutesAhead() {
        SdkHttpFullRequest request = SdkSigner.request(SdkHttpMethod.GET, "/2015-03-31/functions/").build();

        assertAccepted(sdk.at(NOW.minus(Duration.ofMinutes(15))).sign(request));
        assertAccepted(sdk.at(NOW.plus(Duration.ofMinutes(15))).sign(request));
    }

    @Test
    void acceptsRequestsSignedOnBothSidesOfMidnight() {
        Instant midnight = Instant.parse("2024-01-02T00:00:00Z");
        SigV4Verifier atMidnight = new SigV4Verifier(CREDENTIALS, "us-east-1", "lambda", InstantSource.fixed(midnight));
        SdkHttpFullRequest request = SdkSigner.request(SdkHttpMethod.GET, "/2015-03-31/functions/").build();
        WireRequest before = sdk.at(midnight.minusSeconds(60)).sign(request);
        WireRequest after = sdk.at(midnight.plusSeconds(60)).sign(request);

        for (int i = 0; i < 3; i++) {
            assertThatCode(() -> atMidnight.verify(before.toSignedRequest())).doesNotThrowAnyException();
            assertThatCode(() -> atMidnight.verify(after.toSignedRequest())).doesNotThrowAnyException();
        }
    }

    @Test
    void rejectsAnArnPathSignedWithoutTheSecondEncodingAsS3Signs() {
        String path = "/2015-03-31/functions/" + SdkHttpUtils.urlEncode(FUNCTION_ARN) + "/configuration";
        WireRequest signedLikeS3 = sdk.signWithoutDoubleUrlEncoding(SdkSigner.request(SdkHttpMethod.GET, path).build());

        assertRejected(verifier, signedLikeS3, AuthFailure.INVALID_SIGNATURE, SigV4VerifierFailureTest.MISMATCH);
    }

    static SdkHttpFullRequest post(String encodedPath, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return SdkSigner.request(SdkHttpMethod.POST, encodedPath)
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(body.length))
                .contentStreamProvider(() -> new java.io.ByteArrayInputStream(body))
                .build();
    }

    @Test
    void takesTheKeyIdsWordWithoutCheckingTheSignatureOnlyForUncheckedCredentials() {
        Credentials anyone = new Credentials("111111111111", "a secret nobody checks");
        Caller root = Caller.accountRoot("111111111111", "111111111111");
        SigV4Verifier unchecked = new SigV4Verifier(List.of((accessKeyId, sessionToken) ->
                Optional.of(CredentialsResolver.ResolvedCredentials.unchecked(root))), InstantSource.fixed(NOW));
        WireRequest tampered = SdkSigner.lambda(anyone, NOW).sign(post("/2015-03-31/functions", "{}"))
                .withBody("{\"FunctionName\":\"other\"}");

        assertThat(unchecked.verify(tampered.toSignedRequest())).isEqualTo(root);
        SigV4Verifier checked = new SigV4Verifier(List.of((accessKeyId, sessionToken) ->
                Optional.of(new CredentialsResolver.ResolvedCredentials(anyone.secretAccessKey(), root))),
                InstantSource.fixed(NOW));
        assertThatThrownBy(() -> checked.verify(tampered.toSignedRequest())).isInstanceOf(EdgeException.class);
    }

    void assertAccepted(WireRequest request) {
        assertThatCode(() -> verifier.verify(request.toSignedRequest())).doesNotThrowAnyException();
    }

    static void assertRejected(SigV4Verifier verifier, WireRequest request, AuthFailure failure, String message) {
        assertThatThrownBy(() -> verifier.verify(request.toSignedRequest()))
                .isInstanceOfSatisfying(EdgeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(failure);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }
}
