package dev.gust.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.edge.AuthFailure;
import dev.gust.edge.EdgeException;
import dev.gust.edge.auth.Credentials;
import dev.gust.edge.auth.RequestHeaders;
import dev.gust.edge.auth.SigV4Verifier;
import dev.gust.edge.auth.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {

    private final SigV4Verifier verifier = new SigV4Verifier(new Credentials(GustProcess.ACCESS_KEY,
            GustProcess.SECRET_KEY), "us-east-1", "lambda", Clock.systemUTC());

    @Test
    void gustsVerifierAcceptsTheLoadGeneratorsSignature() {
        assertThatCode(() -> verifier.verify(signed("{\"a\":1}", "{\"a\":1}"))).doesNotThrowAnyException();
    }

    @Test
    void aChangedBodyNoLongerVerifies() {
        assertThatThrownBy(() -> verifier.verify(signed("{\"a\":1}", "{\"a\":2}")))
                .isInstanceOfSatisfying(EdgeException.class,
                        e -> assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_SIGNATURE));
    }

    private static SignedRequest signed(String signedBody, String sentBody) {
        String path = "/2015-03-31/functions/noop/invocations";
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        GustProcess.signer().sign("POST", "127.0.0.1:9070", path, "", signedBody.getBytes(StandardCharsets.UTF_8))
                .forEach((name, value) -> headers.put(name, List.of(value)));
        headers.put("Host", List.of("127.0.0.1:9070"));
        return SignedRequest.of("POST", path, "", RequestHeaders.of(headers), sentBody.getBytes(StandardCharsets.UTF_8));
    }
}
