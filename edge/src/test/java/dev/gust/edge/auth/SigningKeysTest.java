package dev.gust.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import org.junit.jupiter.api.Test;

/** Signing keys are derived as AWS documents, cached per secret, day, region and service, and bounded. */
class SigningKeysTest {

    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final byte[] DATA = "string to sign".getBytes(StandardCharsets.UTF_8);

    @Test
    void derivesTheSigningKeyOfAwsDocumentedExample() {
        assertThat(HexFormat.of().formatHex(SigningKeys.derive(SECRET, "20120215", "us-east-1", "iam")))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void handsOutIndependentMacsKeyedWithTheScopesKey() {
        SigningKeys keys = new SigningKeys(16);
        Mac expected = SigningKeys.newMac(SigningKeys.derive(SECRET, "20120215", "us-east-1", "iam"));

        Mac first = keys.macFor(SECRET, "20120215", "us-east-1", "iam");
        first.update("something else".getBytes(StandardCharsets.UTF_8));
        Mac second = keys.macFor(SECRET, "20120215", "us-east-1", "iam");

        assertThat(second).isNotSameAs(first);
        assertThat(second.doFinal(DATA)).isEqualTo(expected.doFinal(DATA));
        assertThat(keys.size()).isEqualTo(1);
    }

    @Test
    void keepsOneKeyPerSecretDayRegionAndService() {
        SigningKeys keys = new SigningKeys(16);

        byte[] dayOne = keys.macFor(SECRET, "20240101", "us-east-1", "lambda").doFinal(DATA);
        byte[] dayTwo = keys.macFor(SECRET, "20240102", "us-east-1", "lambda").doFinal(DATA);
        byte[] sts = keys.macFor(SECRET, "20240101", "us-east-1", "sts").doFinal(DATA);
        byte[] otherSecret = keys.macFor("another-secret", "20240101", "us-east-1", "lambda").doFinal(DATA);

        assertThat(keys.macFor(SECRET, "20240101", "us-east-1", "lambda").doFinal(DATA)).isEqualTo(dayOne);
        assertThat(keys.macFor(SECRET, "20240102", "us-east-1", "lambda").doFinal(DATA)).isEqualTo(dayTwo);
        assertThat(java.util.List.of(dayTwo, sts, otherSecret)).noneMatch(key -> java.util.Arrays.equals(key, dayOne));
        assertThat(keys.size()).isEqualTo(4);
    }

    @Test
    void staysWithinItsCapacityAndStillAnswersCorrectly() {
        SigningKeys keys = new SigningKeys(8);
        for (int i = 0; i < 100; i++) {
            keys.macFor("session-secret-" + i, "20240101", "us-east-1", "lambda");
        }

        assertThat(keys.size()).isLessThanOrEqualTo(8);
        assertThat(keys.macFor("session-secret-3", "20240101", "us-east-1", "lambda").doFinal(DATA)).isEqualTo(
                SigningKeys.newMac(SigningKeys.derive("session-secret-3", "20240101", "us-east-1", "lambda")).doFinal(DATA));
    }
}
