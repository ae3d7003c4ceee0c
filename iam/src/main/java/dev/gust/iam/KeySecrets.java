package dev.gust.iam;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives the secret access key of an IAM user's access key from its id and the server's secret, so that no secret
 * is ever stored: {@code base64(HMAC-SHA256(K, accessKeyId))}, 40 characters, where {@code K} is derived from the
 * server's secret for this purpose alone. A new server secret therefore changes every user's secret, as it ends every
 * STS session (docs/design/security.md). Thread-safe.
 */
final class KeySecrets {

    private static final String HMAC = "HmacSHA256";

    private final byte[] key;

    /** @param serverSecret the server's secret access key */
    KeySecrets(String serverSecret) {
        Objects.requireNonNull(serverSecret, "serverSecret");
        this.key = hmac(serverSecret.getBytes(StandardCharsets.UTF_8), "gust/iam/access-key-secret/v1");
    }

    /** The secret access key of {@code accessKeyId}. */
    String secretOf(String accessKeyId) {
        return Base64.getEncoder().encodeToString(hmac(key, accessKeyId)).substring(0, 40);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
