package dev.gust.edge.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The parser of an {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}
 * header into {@link SignatureParameters}, failing as AWS does on a malformed one. Stateless.
 *
 * <p>AWS splits what follows the algorithm name at commas <em>and</em> white space, and wants {@code key=value}
 * in every piece: {@code Credential= AKID/...} fails on {@code 'AKID/...'}, and {@code Bearer xyz} fails on
 * {@code 'xyz'}. The algorithm itself is checked later, after the date, as AWS orders its checks.
 */
final class AuthorizationHeaderParser {

    private AuthorizationHeaderParser() {
    }

    /**
     * @param authorization the header value as received
     * @param timestamp the {@code X-Amz-Date} header, else the {@code Date} header, or {@code null}
     * @param timestampIsDateHeader whether {@code timestamp} is the {@code Date} header
     */
    static SignatureParameters parse(String authorization, String timestamp, boolean timestampIsDateHeader) {
        int algorithmStart = skipSeparators(authorization, 0);
        int algorithmEnd = nextSeparator(authorization, algorithmStart);
        String algorithm = authorization.substring(algorithmStart, algorithmEnd);
        if (algorithm.indexOf('=') >= 0) {
            throw AuthErrors.incomplete(
                    "Authorization header must begin with the algorithm name, which cannot include an equal-sign");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        int start = skipSeparators(authorization, algorithmEnd);
        while (start < authorization.length()) {
            int end = nextSeparator(authorization, start);
            int equals = authorization.indexOf('=', start);
            if (equals < 0 || equals >= end) {
                throw AuthErrors.incomplete("Invalid key=value pair (missing equal-sign) in Authorization header "
                        + "(hashed with SHA-256 and encoded with Base64): '" + hashed(authorization) + "'.");
            }
            String value = authorization.substring(equals + 1, end);
            switch (authorization.substring(start, equals)) {
                case "Credential" -> credential = value;
                case "SignedHeaders" -> signedHeaders = value;
                case "Signature" -> signature = value;
                default -> {
                    // AWS ignores parameters it does not know.
                }
            }
            start = skipSeparators(authorization, end);
        }
        requireComplete(authorization, credential, signedHeaders, signature, timestamp);
        return new SignatureParameters(algorithm, credential, signedHeaders, signature, timestamp,
                timestampIsDateHeader, null, false);
    }

    private static void requireComplete(String authorization, String credential, String signedHeaders,
            String signature, String timestamp) {
        StringBuilder message = new StringBuilder();
        if (credential == null || credential.isEmpty()) {
            message.append("Authorization header requires 'Credential' parameter. ");
        }
        if (signature == null || signature.isEmpty()) {
            message.append("Authorization header requires 'Signature' parameter. ");
        }
        // An empty SignedHeaders is well-formed here; it fails later because 'host' is not signed.
        if (signedHeaders == null) {
            message.append("Authorization header requires 'SignedHeaders' parameter. ");
        }
        if (timestamp == null || timestamp.isEmpty()) {
            message.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (!message.isEmpty()) {
            throw AuthErrors.incomplete(message.append("Authorization=").append(authorization).toString());
        }
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == ' ' || c == '\t';
    }

    private static int skipSeparators(String s, int i) {
        while (i < s.length() && isSeparator(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int nextSeparator(String s, int i) {
        while (i < s.length() && !isSeparator(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** AWS no longer echoes a malformed header; it shows the header's SHA-256, Base64-encoded. */
    private static String hashed(String authorization) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(authorization.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
