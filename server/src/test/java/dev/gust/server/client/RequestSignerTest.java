package dev.gust.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.edge.AuthFailure;
import dev.gust.edge.EdgeException;
import dev.gust.edge.auth.Credentials;
import dev.gust.edge.auth.RequestHeaders;
import dev.gust.edge.auth.SigV4Verifier;
import dev.gust.edge.auth.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The client's SigV4 signatures, checked by the edge's own verifier. */
class RequestSignerTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final ClientCredentials KEYS = new ClientCredentials("AKIDGUSTTESTKEY00001",
            "gust-test-secret-key-0123456789abcdefghij", null);
    private final SigV4Verifier verifier = new SigV4Verifier(new Credentials(KEYS.accessKeyId(),
            KEYS.secretAccessKey()), "us-east-1", "organizations", InstantSource.fixed(NOW.plusSeconds(30)));

    @Test
    void signsARequestTheEdgeVerifies() {
        byte[] body = "{\"AccountName\":\"dev\",\"Email\":\"dev@example.com\"}".getBytes(StandardCharsets.UTF_8);

        Map<String, String> headers = RequestSigner.sign(KEYS, "us-east-1", "organizations", Map.of(
                "host", "127.0.0.1:9070", "content-type", "application/x-amz-json-1.1",
                "x-amz-target", "AWSOrganizationsV20161128.CreateAccount"), body, NOW);

        assertThat(headers.get("x-amz-date")).isEqualTo("20261207T120000Z");
        assertThat(headers.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDGUSTTESTKEY00001/"
                + "20261207/us-east-1/organizations/aws4_request, SignedHeaders=content-type;host;x-amz-date;"
                + "x-amz-target, Signature=");
        assertThat(verifier.verify(request(headers, body)).arn()).isEqualTo("arn:aws:iam::000000000000:root");
    }

    @Test
    void aChangedBodyNoLongerMatches() {
        byte[] body = "Action=ListUsers".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = RequestSigner.sign(KEYS, "us-east-1", "organizations",
                Map.of("host", "127.0.0.1:9070", "content-type", "application/x-www-form-urlencoded"), body, NOW);

        assertThatThrownBy(() -> verifier.verify(request(headers, "Action=ListRoles".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(EdgeException.class,
                        e -> assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_SIGNATURE));
    }

    @Test
    void signsTheSessionTokenOfTemporaryCredentials() {
        ClientCredentials session = new ClientCredentials(KEYS.accessKeyId(), KEYS.secretAccessKey(), "token");

        Map<String, String> headers = RequestSigner.sign(session, "us-east-1", "organizations",
                Map.of("host", "h"), new byte[0], NOW);

        assertThat(headers.get("x-amz-security-token")).isEqualTo("token");
        assertThat(headers.get("authorization")).contains("SignedHeaders=host;x-amz-date;x-amz-security-token,");
        assertThat(verifier.verify(request(headers, new byte[0])).accessKeyId()).isEqualTo(KEYS.accessKeyId());
    }

    private static SignedRequest request(Map<String, String> headers, byte[] body) {
        Map<String, List<String>> multimap = headers.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        return SignedRequest.of("POST", "/", "", RequestHeaders.of(multimap), body);
    }
}
