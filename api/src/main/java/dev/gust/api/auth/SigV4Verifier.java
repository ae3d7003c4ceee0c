package dev.gust.api.auth;

import dev.gust.core.LambdaException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * Verifies AWS Signature Version 4 on requests to one service in one region, signed with one key pair.
 *
 * <p>Both forms are accepted: the {@code Authorization: AWS4-HMAC-SHA256 ...} header and the presigned query
 * string ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-SignedHeaders},
 * {@code X-Amz-Signature}, optional {@code X-Amz-Expires}). {@code X-Amz-Security-Token} is accepted and is
 * covered by the signature when the client signed it. Checks run in AWS's order and fail with AWS's 403 errors:
 * <ol>
 *   <li>no signature at all: {@code MissingAuthenticationTokenException};</li>
 *   <li>a missing or malformed part, a bad date format, an algorithm other than {@code AWS4-HMAC-SHA256}, a
 *       credential that is not five slash-separated parts: {@code IncompleteSignatureException};</li>
 *   <li>a time more than 15 minutes from now either way (or past {@code X-Amz-Expires}), {@code host} not
 *       signed, a scope for another region, service or day: {@code InvalidSignatureException};</li>
 *   <li>another access key id: {@code UnrecognizedClientException};</li>
 *   <li>a signature that does not match: {@code InvalidSignatureException}.</li>
 * </ol>
 *
 * <p>The payload hash is {@code UNSIGNED-PAYLOAD} when the {@code x-amz-content-sha256} header says so, and
 * otherwise the SHA-256 of the body as received, never the header's claim: a body that does not match the
 * claimed hash then fails like any other tampering. A presigned request may be signed either with
 * {@code UNSIGNED-PAYLOAD} (the SDKs' presigners) or with the body's hash (botocore's {@code SigV4QueryAuth});
 * both are tried.
 *
 * <p>Thread-safe; meant to be shared. Signing keys are derived once per day; signatures are compared in constant
 * time.
 */
public final class SigV4Verifier {

    /** The only algorithm AWS accepts for SigV4. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String SIGNATURE_PARAMETER = "X-Amz-Signature";
    private static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final HexFormat HEX = HexFormat.of();

    private final Credentials credentials;
    private final String region;
    private final String service;
    private final InstantSource clock;
    private final SigningKeys signingKeys;

    /**
     * @param credentials the only key pair requests may be signed with
     * @param region the region requests must be scoped to, such as {@code us-east-1}
     * @param service the service requests must be scoped to: {@code lambda}
     * @param clock the source of "now" for the 15-minute window
     */
    public SigV4Verifier(Credentials credentials, String region, String service, InstantSource clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signingKeys = new SigningKeys(credentials.secretAccessKey(), region, service);
    }

    /**
     * Returns normally if {@code request} carries a valid, current signature made with this verifier's key pair.
     *
     * @throws LambdaException a 403 with AWS's error type and message otherwise
     */
    public void verify(SignedRequest request) {
        QueryString query = QueryString.parse(request.rawQuery());
        SignatureParameters signature = signatureParameters(request.headers(), query);
        long maxAgeSeconds = maxAgeSeconds(signature);
        SigningTime time = SigningTime.parse(signature.timestamp(), signature.timestampIsDateHeader());
        time.requireCurrent(clock.instant(), maxAgeSeconds);
        String[] signedHeaderNames = signedHeaderNames(signature.signedHeaders());
        if (!ALGORITHM.equals(signature.algorithm())) {
            throw AuthErrors.incomplete("Unsupported AWS 'algorithm': '" + signature.algorithm()
                    + "' (only " + ALGORITHM + " for now). ");
        }
        CredentialScope scope = CredentialScope.parse(signature.credential());
        scope.requireScopedTo(region, service, time);
        if (!scope.accessKeyId().equals(credentials.accessKeyId())) {
            throw AuthErrors.unrecognizedClient();
        }
        requireMatchingSignature(request, query, signature, signedHeaderNames, time, scope);
    }

    private static SignatureParameters signatureParameters(RequestHeaders headers, QueryString query) {
        String authorization = headers.first("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            String timestamp = headers.first("X-Amz-Date");
            boolean isDateHeader = false;
            if (timestamp == null || timestamp.isEmpty()) {
                timestamp = headers.first("Date");
                isDateHeader = true;
            }
            return AuthorizationHeaderParser.parse(authorization, timestamp, isDateHeader);
        }
        if (query.contains("X-Amz-Algorithm")) {
            return PresignedQueryParser.parse(query);
        }
        throw AuthErrors.missingToken();
    }

    private static long maxAgeSeconds(SignatureParameters signature) {
        String expires = signature.expires();
        if (expires == null) {
            return SigningTime.ALLOWED_SKEW_SECONDS;
        }
        if (expires.isEmpty() || !expires.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw AuthErrors.incomplete("X-Amz-Expires should be a number");
        }
        if (expires.length() > 7 || Long.parseLong(expires) > MAX_EXPIRES_SECONDS) {
            throw AuthErrors.incomplete("X-Amz-Expires must be less than a week (in seconds); that is, the given "
                    + "X-Amz-Expires must be less than 604800 seconds");
        }
        return Long.parseLong(expires);
    }

    private static String[] signedHeaderNames(String signedHeaders) {
        String[] names = signedHeaders.isEmpty() ? new String[0] : signedHeaders.split(";", -1);
        for (String name : names) {
            if (name.equalsIgnoreCase("host") || name.equals(":authority")) {
                return names;
            }
        }
        throw AuthErrors.invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    private void requireMatchingSignature(SignedRequest request, QueryString query, SignatureParameters signature,
            String[] signedHeaderNames, SigningTime time, CredentialScope scope) {
        StringBuilder canonical = new StringBuilder(256 + 2 * (request.rawPath().length() + request.rawQuery().length()));
        CanonicalRequest.appendWithoutPayloadHash(canonical, request, query,
                signature.presigned() ? SIGNATURE_PARAMETER : null, signedHeaderNames, signature.signedHeaders());
        String stringToSignPrefix = ALGORITHM + '\n' + time.basic() + '\n' + scope.scope() + '\n';
        byte[] provided = signature.signature().getBytes(StandardCharsets.US_ASCII);
        int withoutPayloadHash = canonical.length();
        if (signature.presigned()) {
            if (matches(canonical.append(UNSIGNED_PAYLOAD), stringToSignPrefix, scope, provided)) {
                return;
            }
            canonical.setLength(withoutPayloadHash);
            if (matches(canonical.append(Sha256.hex(request.body())), stringToSignPrefix, scope, provided)) {
                return;
            }
        } else {
            boolean unsigned = UNSIGNED_PAYLOAD.equals(request.headers().first("X-Amz-Content-Sha256"));
            canonical.append(unsigned ? UNSIGNED_PAYLOAD : Sha256.hex(request.body()));
            if (matches(canonical, stringToSignPrefix, scope, provided)) {
                return;
            }
        }
        throw AuthErrors.signatureMismatch();
    }

    private boolean matches(StringBuilder canonicalRequest, String stringToSignPrefix, CredentialScope scope,
            byte[] provided) {
        String stringToSign = stringToSignPrefix
                + Sha256.hex(canonicalRequest.toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = signingKeys.macFor(scope.date());
        byte[] expected = HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, provided);
    }
}
