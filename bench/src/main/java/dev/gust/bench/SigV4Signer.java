package dev.gust.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests with AWS Signature Version 4 (header form, {@code host}, {@code x-amz-date} and, for temporary
 * credentials, {@code x-amz-security-token} signed), for Lambda unless another service is named. A signature stays
 * valid for 15 minutes, so the load generator signs a request template once and replays it. Immutable and
 * thread-safe.
 *
 * @param accessKeyId the key pair's public half
 * @param secretAccessKey the key pair's private half
 * @param region the region the server emulates
 * @param sessionToken the session token of temporary credentials, or {@code null} for a long-term key pair
 */
public record SigV4Signer(String accessKeyId, String secretAccessKey, String region, String sessionToken) {

    /** A signer with a long-term key pair. */
    public SigV4Signer(String accessKeyId, String secretAccessKey, String region) {
        this(accessKeyId, secretAccessKey, region, null);
    }

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    /**
     * The headers to add to a Lambda request: {@code X-Amz-Date}, {@code X-Amz-Content-Sha256} and {@code Authorization}.
     *
     * @param path the raw path, without a query
     * @param query the raw query after {@code ?}, already in canonical order, or empty
     */
    public Map<String, String> sign(String method, String hostPort, String path, String query, byte[] body) {
        return sign("lambda", method, hostPort, path, query, body);
    }

    /** The headers to add to a request for {@code service} (its SigV4 signing name, such as {@code sts}). */
    public Map<String, String> sign(String service, String method, String hostPort, String path, String query,
            byte[] body) {
        String timestamp = BASIC.format(ZonedDateTime.now(ZoneOffset.UTC));
        String day = timestamp.substring(0, 8);
        String payloadHash = HEX.formatHex(sha256(body));
        String signedHeaders = sessionToken == null ? "host;x-amz-date" : "host;x-amz-date;x-amz-security-token";
        String canonical = method + '\n' + path + '\n' + query + '\n' + "host:" + hostPort + '\n' + "x-amz-date:"
                + timestamp + '\n' + (sessionToken == null ? "" : "x-amz-security-token:" + sessionToken + '\n')
                + '\n' + signedHeaders + '\n' + payloadHash;
        String scope = day + '/' + region + '/' + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + timestamp + '\n' + scope + '\n'
                + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = HEX.formatHex(hmac(key, toSign));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Amz-Date", timestamp);
        headers.put("X-Amz-Content-Sha256", payloadHash);
        if (sessionToken != null) {
            headers.put("X-Amz-Security-Token", sessionToken);
        }
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + '/' + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return headers;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
