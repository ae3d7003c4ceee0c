package dev.gust.api.sigv4;

import dev.gust.core.LambdaException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on API requests, in the header form ({@code Authorization: AWS4-HMAC-SHA256 ...})
 * and the presigned query form ({@code X-Amz-Signature=...}), against one key pair, region and service.
 *
 * <p>Failures are {@link LambdaException}s with AWS's 403 error types and messages. The derived signing key is
 * cached per day. Thread-safe.
 */
public final class SigV4Verifier {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();
    private static final String MISMATCH =
            "The request signature we calculated does not match the signature you provided.";

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String region;
    private final String service;
    private final InstantSource clock;
    private volatile SigningKey cachedKey;

    private record SigningKey(String date, byte[] key) {
    }

    public SigV4Verifier(String accessKeyId, String secretAccessKey, String region, String service, InstantSource clock) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    /**
     * Verifies one request.
     *
     * @param method HTTP method
     * @param rawPath the path as received, still percent-encoded
     * @param rawQuery the query string as received, or {@code null}
     * @param header header values by name (any case), {@code null} when absent; joined with "," when repeated
     * @param body the request body
     */
    public void verify(String method, String rawPath, String rawQuery, Function<String, String> header, byte[] body) {
        List<String[]> query = QueryParameters.parse(rawQuery);
        String authorization = header.apply("Authorization");
        String presigned = QueryParameters.first(query, "X-Amz-Algorithm");
        if (authorization == null && presigned == null) {
            throw LambdaException.authentication("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (authorization != null) {
            AuthorizationHeader auth = AuthorizationHeader.parse(authorization);
            String amzDate = header.apply("X-Amz-Date");
            if (amzDate == null) {
                amzDate = header.apply("Date");
            }
            if (amzDate == null) {
                throw LambdaException.authentication("IncompleteSignatureException", "Authorization header requires "
                        + "existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + authorization);
            }
            String payloadHash = header.apply("x-amz-content-sha256");
            if (payloadHash == null) {
                payloadHash = sha256Hex(body);
            }
            check(method, rawPath, query, header, auth.credential(), auth.signedHeaders(), auth.signature(), amzDate,
                    payloadHash, null);
        } else {
            if (!ALGORITHM.equals(presigned)) {
                throw LambdaException.authentication("IncompleteSignatureException",
                        "Unsupported AWS 'algorithm': '" + presigned + "'");
            }
            String credential = QueryParameters.first(query, "X-Amz-Credential");
            String signedHeaders = QueryParameters.first(query, "X-Amz-SignedHeaders");
            String signature = QueryParameters.first(query, "X-Amz-Signature");
            String amzDate = QueryParameters.first(query, "X-Amz-Date");
            if (credential == null || signedHeaders == null || signature == null || amzDate == null) {
                throw LambdaException.authentication("IncompleteSignatureException", "AWS query-string parameters must "
                        + "include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', "
                        + "'X-Amz-Date'. Re-examine the query-string parameters.");
            }
            String expires = QueryParameters.first(query, "X-Amz-Expires");
            // presigned URLs sign either the body's hash (AWS SDKs for most services) or UNSIGNED-PAYLOAD
            String payloadHash = header.apply("x-amz-content-sha256");
            if (payloadHash == null) {
                try {
                    check(method, rawPath, query, header, Credential.parse(credential), signedHeaders, signature,
                            amzDate, sha256Hex(body), expires);
                    return;
                } catch (LambdaException e) {
                    if (!e.errorType().equals("InvalidSignatureException") || !e.getMessage().startsWith(MISMATCH)) {
                        throw e;
                    }
                }
                payloadHash = "UNSIGNED-PAYLOAD";
            }
            check(method, rawPath, query, header, Credential.parse(credential), signedHeaders, signature, amzDate,
                    payloadHash, expires);
        }
    }

    private void check(String method, String rawPath, List<String[]> query, Function<String, String> header,
            Credential credential, String signedHeaders, String signature, String amzDate, String payloadHash,
            String expires) {
        if (!credential.accessKeyId().equals(accessKeyId)) {
            throw LambdaException.authentication("UnrecognizedClientException",
                    "The security token included in the request is invalid.");
        }
        if (!credential.region().equals(region)) {
            throw LambdaException.authentication("InvalidSignatureException",
                    "Credential should be scoped to a valid region. ");
        }
        if (!credential.service().equals(service)) {
            throw LambdaException.authentication("InvalidSignatureException",
                    "Credential should be scoped to correct service: '" + service + "'. ");
        }
        checkTime(amzDate, expires);
        if (!amzDate.startsWith(credential.date())) {
            throw LambdaException.authentication("InvalidSignatureException", "Date in Credential scope does not match "
                    + "YYYYMMDD from ISO-8601 version of date from HTTP: '" + credential.date() + "' != '"
                    + amzDate.substring(0, Math.min(8, amzDate.length())) + "', from '" + amzDate + "'.");
        }
        String canonical = method + "\n" + CanonicalRequest.uri(rawPath) + "\n"
                + CanonicalRequest.query(query) + "\n" + CanonicalRequest.headers(signedHeaders, header) + "\n"
                + signedHeaders + "\n" + payloadHash;
        String scope = credential.date() + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        byte[] expected = HEX.formatHex(hmac(signingKey(credential.date()), stringToSign)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw LambdaException.authentication("InvalidSignatureException", MISMATCH
                    + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    private void checkTime(String amzDate, String expires) {
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw LambdaException.authentication("IncompleteSignatureException",
                    "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
        Instant now = clock.instant();
        String nowText = AMZ_DATE.format(now.atOffset(ZoneOffset.UTC));
        if (expires != null) {
            long seconds;
            try {
                seconds = Long.parseLong(expires);
            } catch (NumberFormatException e) {
                throw LambdaException.authentication("IncompleteSignatureException", "X-Amz-Expires must be a number");
            }
            if (now.isAfter(signedAt.plusSeconds(seconds))) {
                throw LambdaException.authentication("InvalidSignatureException", "Signature expired: " + amzDate
                        + " is now earlier than " + AMZ_DATE.format(now.minusSeconds(seconds).atOffset(ZoneOffset.UTC))
                        + " (" + nowText + " - " + seconds + " sec.)");
            }
        }
        if (signedAt.isBefore(now.minus(SKEW))) {
            throw LambdaException.authentication("InvalidSignatureException", "Signature expired: " + amzDate
                    + " is now earlier than " + AMZ_DATE.format(now.minus(SKEW).atOffset(ZoneOffset.UTC))
                    + " (" + nowText + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(SKEW))) {
            throw LambdaException.authentication("InvalidSignatureException", "Signature not yet current: " + amzDate
                    + " is still later than " + AMZ_DATE.format(now.plus(SKEW).atOffset(ZoneOffset.UTC))
                    + " (" + nowText + " + 15 min.)");
        }
    }

    private byte[] signingKey(String date) {
        SigningKey cached = cachedKey;
        if (cached != null && cached.date().equals(date)) {
            return cached.key();
        }
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        cachedKey = new SigningKey(date, key);
        return key;
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

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parsed {@code Credential=AKID/DATE/REGION/SERVICE/aws4_request}. */
    record Credential(String accessKeyId, String date, String region, String service) {
        static Credential parse(String value) {
            String[] parts = value.split("/");
            if (parts.length != 5 || !parts[4].equals("aws4_request")) {
                throw LambdaException.authentication("IncompleteSignatureException", "Credential should be scoped to a "
                        + "valid region, not 'unknown'. Credential should be scoped with a valid terminator: "
                        + "'aws4_request', not '" + (parts.length > 4 ? parts[4] : "") + "'. ");
            }
            return new Credential(parts[0], parts[1], parts[2], parts[3]);
        }
    }

    /** The parsed {@code Authorization} header. */
    record AuthorizationHeader(Credential credential, String signedHeaders, String signature) {
        static AuthorizationHeader parse(String header) {
            if (!header.startsWith(ALGORITHM + " ")) {
                throw LambdaException.authentication("IncompleteSignatureException", "Authorization header requires "
                        + "'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization "
                        + "header requires 'SignedHeaders' parameter. Authorization=" + header);
            }
            Map<String, String> fields = new TreeMap<>();
            for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
                }
            }
            List<String> missing = new ArrayList<>();
            for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
                if (!fields.containsKey(name)) {
                    missing.add("Authorization header requires '" + name + "' parameter.");
                }
            }
            if (!missing.isEmpty()) {
                throw LambdaException.authentication("IncompleteSignatureException",
                        String.join(" ", missing) + " Authorization=" + header);
            }
            return new AuthorizationHeader(Credential.parse(fields.get("Credential")), fields.get("SignedHeaders"),
                    fields.get("Signature"));
        }
    }
}
