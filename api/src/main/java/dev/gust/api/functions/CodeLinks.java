package dev.gust.api.functions;

import dev.gust.core.CodePackage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned download links for code packages: {@code GetFunction}'s {@code Code.Location}. A link names the
 * package, an expiry ten minutes ahead, and an HMAC-SHA256 of both under a key derived from the server's secret,
 * so it works without credentials, like S3's presigned URLs, and cannot be forged. Thread-safe.
 */
public final class CodeLinks {

    /** Path prefix under which packages are served. */
    public static final String PREFIX = "/_gust/code/";
    private static final long VALIDITY_SECONDS = 600;

    private final SecretKeySpec key;
    private final InstantSource clock;

    public CodeLinks(String serverSecret, InstantSource clock) {
        this.key = new SecretKeySpec(("gust-code-links:" + serverSecret).getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    /** An absolute URL for {@code pkg}, rooted at {@code baseUrl} such as {@code http://127.0.0.1:9070}. */
    public String location(String baseUrl, CodePackage pkg) {
        long expires = clock.instant().getEpochSecond() + VALIDITY_SECONDS;
        return baseUrl + PREFIX + pkg.sha256Hex() + ".zip?X-Gust-Expires=" + expires + "&X-Gust-Signature="
                + sign(pkg.sha256Hex(), expires);
    }

    /** Whether a link's parameters are authentic and unexpired. */
    public boolean isValid(String sha256Hex, String expires, String signature) {
        if (sha256Hex == null || expires == null || signature == null || !sha256Hex.matches("[0-9a-f]{64}")) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return false;
        }
        if (expiry < clock.instant().getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(sign(sha256Hex, expiry).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String sha256Hex, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((sha256Hex + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
