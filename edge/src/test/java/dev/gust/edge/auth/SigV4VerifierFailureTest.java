package dev.gust.edge.auth;

import static dev.gust.edge.auth.SigV4VerifierTest.CREDENTIALS;
import static dev.gust.edge.auth.SigV4VerifierTest.NOW;
import static dev.gust.edge.auth.SigV4VerifierTest.assertRejected;
import static dev.gust.edge.auth.SigV4VerifierTest.post;

import dev.gust.edge.AuthFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Requests that are unsigned, malformed, stale, mis-scoped or tampered with fail with AWS's error and message. */
class SigV4VerifierFailureTest {

    static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    static final AuthFailure INCOMPLETE = AuthFailure.INCOMPLETE_SIGNATURE;
    static final AuthFailure INVALID = AuthFailure.INVALID_SIGNATURE;

    final SdkSigner sdk = SdkSigner.lambda(CREDENTIALS, NOW);
    final SigV4Verifier verifier = new SigV4Verifier(CREDENTIALS, "us-east-1", "lambda", InstantSource.fixed(NOW));
    final SdkHttpFullRequest listFunctions = SdkSigner.request(SdkHttpMethod.GET, "/2015-03-31/functions/").build();

    @Test
    void aRequestWithoutAnySignatureIsMissingItsToken() {
        WireRequest unsigned = new WireRequest("GET", "/2015-03-31/functions/", "MaxItems=1",
                Map.of("Host", List.of(SdkSigner.ENDPOINT_HOST)), null);

        assertRejected(verifier, unsigned, AuthFailure.MISSING_TOKEN, "Missing Authentication Token");
    }

    @Test
    void aBlankAuthorizationHeaderIsMissingItsToken() {
        WireRequest blank = new WireRequest("GET", "/2015-03-31/functions/", "",
                Map.of("Host", List.of(SdkSigner.ENDPOINT_HOST), "Authorization", List.of(" ")), null);

        assertRejected(verifier, blank, AuthFailure.MISSING_TOKEN, "Missing Authentication Token");
    }

    @Test
    void aWrongSecretKeyDoesNotMatch() {
        WireRequest request = sdk.withCredentials(new Credentials(CREDENTIALS.accessKeyId(), "not-the-secret")).sign(listFunctions);

        assertRejected(verifier, request, INVALID, MISMATCH);
    }

    @Test
    void anUnknownAccessKeyIsUnrecognized() {
        WireRequest request = sdk.withCredentials(new Credentials("AKIDUNKNOWN000000000", CREDENTIALS.secretAccessKey()))
                .sign(listFunctions);

        assertRejected(verifier, request, AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }

    @Test
    void aTamperedBodyDoesNotMatch() {
        WireRequest request = sdk.sign(post("/2015-03-31/functions/foo/invocations", "{\"amount\":1}"));

        assertRejected(verifier, request.withBody("{\"amount\":1000}"), INVALID, MISMATCH);
    }

    @Test
    void aBodyThatDoesNotMatchItsDeclaredHashDoesNotMatch() {
        WireRequest request = sdk.sign(post("/2015-03-31/functions/foo/invocations", "{\"amount\":1}"));
        String declared = Sha256.hex("{\"amount\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertRejected(verifier, request.withHeader("X-Amz-Content-Sha256", declared).withBody("{\"amount\":2}"),
                INVALID, MISMATCH);
    }

    @Test
    void aTamperedSignedHeaderDoesNotMatch() {
        WireRequest request = sdk.sign(SdkSigner.request(SdkHttpMethod.POST, "/2015-03-31/functions/foo/invocations")
                .putHeader("X-Amz-Invocation-Type", "DryRun").build());

        assertRejected(verifier, request.withHeader("X-Amz-Invocation-Type", "RequestResponse"), INVALID, MISMATCH);
    }

    @Test
    void aSignedHeaderRemovedInTransitDoesNotMatch() {
        WireRequest request = sdk.sign(SdkSigner.request(SdkHttpMethod.POST, "/2015-03-31/functions/foo/invocations")
                .putHeader("X-Amz-Invocation-Type", "DryRun").build());

        assertRejected(verifier, request.withoutHeader("X-Amz-Invocation-Type"), INVALID, MISMATCH);
    }

    @Test
    void aTamperedPathOrQueryDoesNotMatch() {
        WireRequest request = sdk.sign(SdkSigner.request(SdkHttpMethod.GET, "/2015-03-31/functions/foo/configuration")
                .putRawQueryParameter("Qualifier", "1").build());

        assertRejected(verifier, request.withRawPath("/2015-03-31/functions/bar/configuration"), INVALID, MISMATCH);
        assertRejected(verifier, request.withRawQuery("Qualifier=2"), INVALID, MISMATCH);
    }

    @Test
    void aTamperedPresignedUrlDoesNotMatch() {
        WireRequest request = sdk.presign(SdkSigner.request(SdkHttpMethod.GET, "/2015-03-31/functions/")
                .putRawQueryParameter("MaxItems", "1").build(), Duration.ofMinutes(5));

        assertRejected(verifier, request.withRawQuery(request.rawQuery().replace("MaxItems=1", "MaxItems=50")),
                INVALID, MISMATCH);
    }

    @Test
    void aRequestSignedMoreThanFifteenMinutesAgoHasExpired() {
        WireRequest request = sdk.at(Instant.parse("2024-01-01T00:00:00Z")).sign(listFunctions);

        assertRejected(verifier, request, INVALID, "Signature expired: 20240101T000000Z is now earlier than "
                + "20240101T001000Z (20240101T002500Z - 15 min.)");
    }

    @Test
    void aRequestSignedMoreThanFifteenMinutesAheadIsNotYetCurrent() {
        WireRequest request = sdk.at(Instant.parse("2024-01-01T01:00:00Z")).sign(listFunctions);

        assertRejected(verifier, request, INVALID, "Signature not yet current: 20240101T010000Z is still later than "
                + "20240101T004000Z (20240101T002500Z + 15 min.)");
    }

    @Test
    void aPresignedUrlPastItsExpiryHasExpired() {
        WireRequest request = sdk.at(Instant.parse("2024-01-01T00:20:00Z")).presign(listFunctions, Duration.ofMinutes(1));

        assertRejected(verifier, request, INVALID, "Signature expired: 20240101T002000Z is now earlier than "
                + "20240101T002400Z (20240101T002500Z - 1 min.)");
    }

    @Test
    void aPresignedUrlValidForMoreThanAWeekIsIncomplete() {
        WireRequest request = sdk.presign(listFunctions, Duration.ofDays(7));

        assertRejected(verifier, request.withRawQuery(request.rawQuery().replace("X-Amz-Expires=604800", "X-Amz-Expires=604801")),
                INCOMPLETE, "X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires "
                        + "must be less than 604800 seconds");
    }

    @Test
    void aCredentialForAnotherRegionIsInvalid() {
        WireRequest request = sdk.withRegion("eu-west-1").sign(listFunctions);

        assertRejected(verifier, request, INVALID, "Credential should be scoped to a valid region. ");
    }

    @Test
    void aCredentialForAnotherServiceIsInvalid() {
        WireRequest request = sdk.withService("execute-api").sign(listFunctions);

        assertRejected(verifier, request, INVALID, "Credential should be scoped to correct service: 'lambda'. ");
    }

    @Test
    void everyScopeMistakeIsReportedInOneMessage() {
        WireRequest request = forged("AWS4-HMAC-SHA256 Credential=" + CREDENTIALS.accessKeyId()
                + "/20231231/eu-west-1/s3/aws4_requests, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));

        assertRejected(verifier, request, INVALID, "Credential should be scoped to a valid region. "
                + "Credential should be scoped to correct service: 'lambda'. "
                + "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_requests'. "
                + "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'20231231' != '20240101', from '20240101T002500Z'.");
    }

    @Test
    void aMissingDateIsIncomplete() {
        WireRequest request = sdk.sign(listFunctions).withoutHeader("X-Amz-Date");

        assertRejected(verifier, request, INCOMPLETE, "Authorization header requires existence of either a "
                + "'X-Amz-Date' or a 'Date' header. Authorization=" + request.header("Authorization"));
    }

    @Test
    void anAuthorizationHeaderWithoutParametersNamesEveryMissingOne() {
        WireRequest request = new WireRequest("GET", "/2015-03-31/functions/", "",
                Map.of("Host", List.of(SdkSigner.ENDPOINT_HOST), "Authorization", List.of("AWS4-HMAC-SHA256")), null);

        assertRejected(verifier, request, INCOMPLETE, "Authorization header requires 'Credential' parameter. "
                + "Authorization header requires 'Signature' parameter. "
                + "Authorization header requires 'SignedHeaders' parameter. "
                + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                + "Authorization=AWS4-HMAC-SHA256");
    }

    @Test
    void anAuthorizationHeaderLackingOneParameterNamesIt() {
        String header = sdk.sign(listFunctions).header("Authorization");
        String withoutSignedHeaders = header.replaceAll("SignedHeaders=[^,]*, ", "");
        WireRequest request = sdk.sign(listFunctions).withHeader("Authorization", withoutSignedHeaders);

        assertRejected(verifier, request, INCOMPLETE,
                "Authorization header requires 'SignedHeaders' parameter. Authorization=" + withoutSignedHeaders);
    }

    @Test
    void aPieceWithoutAnEqualSignIsIncomplete() {
        String header = "AWS4-HMAC-SHA256 Credential= " + CREDENTIALS.accessKeyId()
                + "/20240101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);

        assertRejected(verifier, forged(header), INCOMPLETE, "Invalid key=value pair (missing equal-sign) in "
                + "Authorization header (hashed with SHA-256 and encoded with Base64): '"
                + java.util.Base64.getEncoder().encodeToString(sha256(header)) + "'.");
    }

    @Test
    void aBearerTokenIsNotASignature() {
        assertRejected(verifier, forged("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"), INCOMPLETE,
                "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded "
                        + "with Base64): '" + java.util.Base64.getEncoder().encodeToString(sha256("Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")) + "'.");
    }

    @Test
    void anotherAlgorithmIsUnsupported() {
        WireRequest request = forged("AWS4-HMAC-SHA512 Credential=" + CREDENTIALS.accessKeyId()
                + "/20240101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));

        assertRejected(verifier, request, INCOMPLETE,
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ");
    }

    @Test
    void aCredentialOfFewerThanFivePartsIsIncomplete() {
        WireRequest request = forged("AWS4-HMAC-SHA256 Credential=" + CREDENTIALS.accessKeyId()
                + "/20240101/us-east-1/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));

        assertRejected(verifier, request, INCOMPLETE, "Credential must have exactly 5 slash-delimited elements, "
                + "e.g. keyid/date/region/service/term, got '" + CREDENTIALS.accessKeyId() + "/20240101/us-east-1/aws4_request'");
    }

    @Test
    void aDateInTheWrongFormatIsIncomplete() {
        WireRequest request = sdk.sign(listFunctions).withHeader("X-Amz-Date", "2024-01-01T00:25:00Z");

        assertRejected(verifier, request, INCOMPLETE,
                "Date must be in ISO-8601 'basic format'. Got '2024-01-01T00:25:00Z'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void anUnsignedHostIsInvalid() {
        WireRequest request = forged("AWS4-HMAC-SHA256 Credential=" + CREDENTIALS.accessKeyId()
                + "/20240101/us-east-1/lambda/aws4_request, SignedHeaders=x-amz-date, Signature=" + "0".repeat(64));

        assertRejected(verifier, request, INVALID, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void aPresignedUrlWithoutItsSignatureNamesWhatIsMissing() {
        WireRequest request = sdk.presign(listFunctions, Duration.ofMinutes(5));
        String withoutSignature = request.rawQuery().replaceAll("&?X-Amz-Signature=[0-9a-f]+", "")
                .replaceAll("&?X-Amz-Date=[0-9TZ]+", "");

        assertRejected(verifier, request.withRawQuery(withoutSignature), INCOMPLETE,
                "AWS query-string parameters must include 'X-Amz-Signature'. "
                        + "AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.");
    }

    @Test
    void aForgedSignatureDoesNotMatch() {
        WireRequest request = forged("AWS4-HMAC-SHA256 Credential=" + CREDENTIALS.accessKeyId()
                + "/20240101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64));

        assertRejected(verifier, request, INVALID, MISMATCH);
    }

    /** A GET request signed at {@link SigV4VerifierTest#NOW} with a hand-written {@code Authorization} header. */
    private static WireRequest forged(String authorization) {
        return new WireRequest("GET", "/2015-03-31/functions/", "", Map.of("Host", List.of(SdkSigner.ENDPOINT_HOST),
                "X-Amz-Date", List.of("20240101T002500Z"), "Authorization", List.of(authorization)), null);
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
