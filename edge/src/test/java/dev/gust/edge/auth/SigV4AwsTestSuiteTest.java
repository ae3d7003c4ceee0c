package dev.gust.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AWS's SigV4 test suite (see {@code src/test/resources/sigv4-test-suite/README.md}): for each case, the edge's
 * canonical request and string to sign, signed with the suite's key, give the suite's signature byte for byte (and
 * equal the published canonical request and string to sign where the suite has them), and the verifier accepts the
 * signed request.
 */
class SigV4AwsTestSuiteTest {

    private static final String DIR = "/sigv4-test-suite/";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final InstantSource SIGNED_AT = InstantSource.fixed(Instant.parse("2015-08-30T12:36:00Z"));
    private static final List<String> CASES = List.of("get-header-key-duplicate", "get-header-value-multiline",
            "get-header-value-order", "get-header-value-trim", "get-unreserved", "get-utf8", "get-vanilla",
            "get-vanilla-empty-query-key", "get-vanilla-query-order-encoded", "get-vanilla-query-order-key-case",
            "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "get-vanilla-with-session-token",
            "normalize-path-get-relative", "normalize-path-get-relative-relative", "normalize-path-get-slash",
            "normalize-path-get-slash-dot-slash", "normalize-path-get-slash-pointless-dot", "normalize-path-get-slashes",
            "normalize-path-get-space", "post-header-key-case", "post-header-key-sort", "post-header-value-case",
            "post-vanilla", "post-vanilla-empty-query-value", "post-vanilla-query", "post-vanilla-query-nonunreserved",
            "post-vanilla-query-space", "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters");

    static Stream<String> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void canonicalRequestAndStringToSignGiveTheSuitesSignature(String name) {
        SignedRequest request = parse(resource(name + ".sreq"));
        SigV4Verifier verifier = new SigV4Verifier(new Credentials("AKIDEXAMPLE", SECRET), "us-east-1", "service",
                SIGNED_AT);
        Signature signature = verifier.parse(request);

        StringBuilder canonical = new StringBuilder();
        CanonicalRequest.appendWithoutPayloadHash(canonical, request, signature.query(), null,
                signature.signedHeaderNames(), signature.parameters().signedHeaders());
        canonical.append(Sha256.hex(request.body()));
        String stringToSign = SigV4Verifier.ALGORITHM + "\n" + signature.time().basic() + "\n"
                + signature.scope().scope() + "\n" + Sha256.hex(canonical.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(sign(stringToSign, signature.scope().scope())).as("signature of the string to sign:%n%s%n"
                + "over the canonical request:%n%s", stringToSign, canonical)
                .isEqualTo(signature.parameters().signature());
        String publishedCanonical = optionalResource(name + ".creq");
        if (publishedCanonical != null) {
            assertThat(canonical.toString()).isEqualTo(publishedCanonical);
        }
        String publishedStringToSign = optionalResource(name + ".sts");
        if (publishedStringToSign != null) {
            assertThat(stringToSign).isEqualTo(publishedStringToSign);
        }
        assertThatCode(() -> verifier.verify(request)).doesNotThrowAnyException();
    }

    /** The signature of {@code stringToSign} with the suite's key for {@code scope} (date/region/service/...). */
    private static String sign(String stringToSign, String scope) {
        String[] parts = scope.split("/");
        Mac mac = SigningKeys.newMac(SigningKeys.derive(SECRET, parts[0], parts[1], parts[2]));
        return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    /** A signed request as the suite writes it: request line, headers ({@code Name:value}), blank line, body. */
    private static SignedRequest parse(String text) {
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 2);
        String[] lines = head.split("\n");
        String requestLine = lines[0];
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(' '));
        int question = target.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1));
        }
        return SignedRequest.of(method, question < 0 ? target : target.substring(0, question),
                question < 0 ? "" : target.substring(question + 1), RequestHeaders.of(headers),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) {
        String text = optionalResource(name);
        if (text == null) {
            throw new IllegalStateException(DIR + name + " is not on the test classpath");
        }
        return text;
    }

    private static String optionalResource(String name) {
        try (InputStream in = SigV4AwsTestSuiteTest.class.getResourceAsStream(DIR + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
