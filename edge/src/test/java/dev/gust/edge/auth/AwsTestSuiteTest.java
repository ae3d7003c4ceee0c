package dev.gust.edge.auth;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code get-vanilla} case of AWS's published SigV4 test suite verifies. */
class AwsTestSuiteTest {

    @Test
    void acceptsGetVanilla() {
        SigV4Verifier verifier = new SigV4Verifier(new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                "us-east-1", "service", InstantSource.fixed(Instant.parse("2015-08-30T12:36:00Z")));
        SignedRequest request = SignedRequest.of("GET", "/", "", RequestHeaders.of(Map.of(
                "Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                        + "SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"))), null);

        assertThatCode(() -> verifier.verify(request)).doesNotThrowAnyException();
    }
}
