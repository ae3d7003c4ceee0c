package dev.gust.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import org.junit.jupiter.api.Test;

/** Signing keys are derived as AWS documents, and a day's key is derived once. */
class SigningKeysTest {

    @Test
    void derivesTheSigningKeyOfAwsDocumentedExample() {
        SigningKeys keys = new SigningKeys("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "iam");

        assertThat(HexFormat.of().formatHex(keys.derive("20120215")))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void handsOutIndependentMacsKeyedWithTheDaysKey() {
        SigningKeys keys = new SigningKeys("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "iam");
        Mac expected = SigningKeys.newMac(keys.derive("20120215"));
        byte[] data = "string to sign".getBytes(StandardCharsets.UTF_8);

        Mac first = keys.macFor("20120215");
        first.update("something else".getBytes(StandardCharsets.UTF_8));
        Mac second = keys.macFor("20120215");

        assertThat(second).isNotSameAs(first);
        assertThat(second.doFinal(data)).isEqualTo(expected.doFinal(data));
    }

    @Test
    void keepsTheKeysOfTwoDaysSoRequestsAroundMidnightDoNotEvictEachOther() {
        SigningKeys keys = new SigningKeys("secret", "us-east-1", "lambda");
        byte[] data = "x".getBytes(StandardCharsets.UTF_8);

        byte[] dayOne = keys.macFor("20240101").doFinal(data);
        byte[] dayTwo = keys.macFor("20240102").doFinal(data);

        assertThat(keys.macFor("20240101").doFinal(data)).isEqualTo(dayOne);
        assertThat(keys.macFor("20240102").doFinal(data)).isEqualTo(dayTwo);
        assertThat(dayOne).isNotEqualTo(dayTwo);
    }
}
