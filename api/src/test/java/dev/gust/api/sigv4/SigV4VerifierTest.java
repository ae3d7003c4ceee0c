package dev.gust.api.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.LambdaException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4PresignerParams;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;

/** Requests signed by the real AWS SDK v2 signer, verified by Gust. */
class SigV4VerifierTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final String AKID = "AKIDEXAMPLE000000001";
    static final String SECRET = "secret-key-for-tests-0123456789";

    private final SigV4Verifier verifier = new SigV4Verifier(AKID, SECRET, "us-east-1", "lambda", InstantSource.fixed(NOW));

    static SdkHttpFullRequest sign(SdkHttpFullRequest request, String secret, Instant at) {
        return Aws4Signer.create().sign(request, Aws4SignerParams.builder()
                .awsCredentials(AwsBasicCredentials.create(AKID, secret)).signingName("lambda")
                .signingRegion(Region.US_EAST_1).signingClockOverride(Clock.fixed(at, ZoneOffset.UTC)).build());
    }

    static SdkHttpFullRequest.Builder request(SdkHttpMethod method, String path) {
        return SdkHttpFullRequest.builder().method(method).uri(URI.create("http://127.0.0.1:9070"))
                .encodedPath(path);
    }

    void verify(SdkHttpFullRequest signed, byte[] body) {
        Map<String, List<String>> headers = signed.headers();
        Function<String, String> header = name -> headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> String.join(",", e.getValue()))
                .findFirst().orElse(null);
        String uri = signed.getUri().getRawPath();
        String query = signed.getUri().getRawQuery();
        verifier.verify(signed.method().name(), uri, query, header, body);
    }

    @Test
    void acceptsAGetWithAnEncodedArnPathAndQuery() {
        SdkHttpFullRequest signed = sign(request(SdkHttpMethod.GET,
                "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afoo/configuration")
                .appendRawQueryParameter("Qualifier", "$LATEST").appendRawQueryParameter("MaxItems", "10").build(),
                SECRET, NOW);
        assertThatCode(() -> verify(signed, new byte[0])).doesNotThrowAnyException();
    }

    @Test
    void acceptsAPostBodyAndRejectsATamperedOne() {
        byte[] body = "{\"FunctionName\":\"f\"}".getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest signed = sign(request(SdkHttpMethod.POST, "/2015-03-31/functions")
                .putHeader("Content-Type", "application/json")
                .contentStreamProvider(() -> new java.io.ByteArrayInputStream(body)).build(), SECRET, NOW);
        assertThatCode(() -> verify(signed, body)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(signed, "{\"FunctionName\":\"g\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidSignatureException"));
    }

    @Test
    void rejectsAWrongSecretAndAnUnknownKey() {
        SdkHttpFullRequest signed = sign(request(SdkHttpMethod.GET, "/2015-03-31/functions/").build(), "other-secret", NOW);
        assertThatThrownBy(() -> verify(signed, new byte[0])).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.errorType()).isEqualTo("InvalidSignatureException");
        });
        SigV4Verifier other = new SigV4Verifier("AKIDSOMEONEELSE00001", SECRET, "us-east-1", "lambda", InstantSource.fixed(NOW));
        SdkHttpFullRequest good = sign(request(SdkHttpMethod.GET, "/2015-03-31/functions/").build(), SECRET, NOW);
        assertThatThrownBy(() -> other.verify("GET", good.getUri().getRawPath(), null,
                name -> good.firstMatchingHeader(name).orElse(null), new byte[0]))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.errorType()).isEqualTo("UnrecognizedClientException"));
    }

    @Test
    void rejectsSignaturesOlderOrNewerThanFifteenMinutes() {
        SdkHttpFullRequest old = sign(request(SdkHttpMethod.GET, "/2015-03-31/functions/").build(), SECRET,
                NOW.minus(Duration.ofMinutes(16)));
        assertThatThrownBy(() -> verify(old, new byte[0])).hasMessage("Signature expired: 20261123T114400Z is now "
                + "earlier than 20261123T114500Z (20261123T120000Z - 15 min.)");
        SdkHttpFullRequest future = sign(request(SdkHttpMethod.GET, "/2015-03-31/functions/").build(), SECRET,
                NOW.plus(Duration.ofMinutes(16)));
        assertThatThrownBy(() -> verify(future, new byte[0])).hasMessage("Signature not yet current: 20261123T121600Z "
                + "is still later than 20261123T121500Z (20261123T120000Z + 15 min.)");
    }

    @Test
    void acceptsThePresignedQueryForm() {
        SdkHttpFullRequest presigned = Aws4Signer.create().presign(request(SdkHttpMethod.GET, "/2015-03-31/functions/")
                .build(), Aws4PresignerParams.builder().awsCredentials(AwsBasicCredentials.create(AKID, SECRET))
                .signingName("lambda").signingRegion(Region.US_EAST_1)
                .signingClockOverride(Clock.fixed(NOW, ZoneOffset.UTC)).expirationTime(NOW.plusSeconds(300)).build());
        assertThatCode(() -> verify(presigned, new byte[0])).doesNotThrowAnyException();
    }

    @Test
    void reportsAMissingTokenAndAnIncompleteHeader() {
        assertThatThrownBy(() -> verifier.verify("GET", "/", null, name -> null, new byte[0]))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("MissingAuthenticationTokenException");
                    assertThat(e.getMessage()).isEqualTo("Missing Authentication Token");
                });
        assertThatThrownBy(() -> verifier.verify("GET", "/", null,
                name -> name.equals("Authorization") ? "AWS4-HMAC-SHA256 Credential=" + AKID
                        + "/20261123/us-east-1/lambda/aws4_request" : null, new byte[0]))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.errorType()).isEqualTo("IncompleteSignatureException"));
    }
}
