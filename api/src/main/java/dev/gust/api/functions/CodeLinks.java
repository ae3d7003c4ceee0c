package dev.gust.api.functions;

import dev.gust.core.Account;
import dev.gust.core.CodePackage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned download links for code packages: {@code GetFunction}'s {@code Code.Location}. A link
 * ({@code /_gust/code/ACCOUNT/REGION/SHA256.zip}) names the namespace of the function or layer it was handed out
 * for, the package, an expiry ten minutes ahead, and an HMAC-SHA256 of them all under a key derived from the
 * server's secret, so it works without credentials, like S3's presigned URLs, and cannot be forged or moved to
 * another namespace. Packages themselves are shared by every namespace. Thread-safe.
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

    /**
     * An absolute URL for {@code pkg} of a function or layer in {@code account}, rooted at {@code baseUrl} such as
     * {@code http://127.0.0.1:9070}.
     */
    public String location(String baseUrl, Account account, CodePackage pkg) {
        long expires = clock.instant().getEpochSecond() + VALIDITY_SECONDS;
        String key = key(account.accountId(), account.region(), pkg.sha256Hex());
        return baseUrl + PREFIX + key + ".zip?X-Gust-Expires=" + expires + "&X-Gust-Signature=" + sign(key, expires);
    }

    /** Whether a link's parameters are authentic and unexpired. */
    public boolean isValid(String accountId, String region, String sha256Hex, String expires, String signature) {
        if (accountId == null || region == null || sha256Hex == null || expires == null || signature == null
                || !sha256Hex.matches("[0-9a-f]{64}")) {
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
        return MessageDigest.isEqual(sign(key(accountId, region, sha256Hex), expiry).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** The link's path below {@link #PREFIX}, without {@code .zip}: {@code ACCOUNT/REGION/SHA256}. */
    private static String key(String accountId, String region, String sha256Hex) {
        return accountId + "/" + region + "/" + sha256Hex;
    }

    private String sign(String linkKey, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((linkKey + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
