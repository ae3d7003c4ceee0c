package dev.gust.edge.auth;

import dev.gust.edge.AuthFailure;
import dev.gust.edge.Caller;
import dev.gust.edge.CredentialsResolver;
import dev.gust.edge.CredentialsResolver.ResolvedCredentials;
import dev.gust.edge.EdgeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javax.crypto.Mac;

/**
 * Verifies AWS Signature Version 4 on requests to the services of one region, signed with credentials that a list
 * of {@link CredentialsResolver}s knows.
 *
 * <p>Both forms are accepted: the {@code Authorization: AWS4-HMAC-SHA256 ...} header and the presigned query
 * string ({@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date}, {@code X-Amz-SignedHeaders},
 * {@code X-Amz-Signature}, optional {@code X-Amz-Expires}). {@code X-Amz-Security-Token} (header or query) goes to
 * the resolvers and is covered by the signature when the client signed it. Checks run in AWS's order and fail with
 * an {@link EdgeException} of the {@link AuthFailure} that each protocol names in its own way:
 * <ol>
 *   <li>no signature at all: {@link AuthFailure#MISSING_TOKEN};</li>
 *   <li>a missing or malformed part, a bad date format, an algorithm other than {@code AWS4-HMAC-SHA256}, a
 *       credential that is not five slash-separated parts: {@link AuthFailure#INCOMPLETE_SIGNATURE};</li>
 *   <li>a time more than 15 minutes from now either way (or past {@code X-Amz-Expires}), {@code host} not
 *       signed, a scope for another region, service or day: {@link AuthFailure#INVALID_SIGNATURE};</li>
 *   <li>an access key id no resolver knows: {@link AuthFailure#UNRECOGNIZED_CLIENT} (a resolver may also answer
 *       {@link AuthFailure#EXPIRED_TOKEN});</li>
 *   <li>a signature that does not match: {@link AuthFailure#INVALID_SIGNATURE}.</li>
 * </ol>
 * The first three steps need no body and no secret ({@link #parse}, {@link #requireScopedTo}), so the edge can pick
 * the service and {@link #resolve} the credentials before it reads a body; {@link #requireMatch} needs the body.
 *
 * <p>The payload hash is {@code UNSIGNED-PAYLOAD} when the {@code x-amz-content-sha256} header says so, and
 * otherwise the SHA-256 of the body as received, never the header's claim: a body that does not match the
 * claimed hash then fails like any other tampering. A presigned request may be signed either with
 * {@code UNSIGNED-PAYLOAD} (the SDKs' presigners) or with the body's hash (botocore's {@code SigV4QueryAuth});
 * both are tried.
 *
 * <p>Thread-safe; meant to be shared. Signing keys are cached ({@link SigningKeys}); signatures are compared in
 * constant time.
 */
public final class SigV4Verifier {

    /** The only algorithm AWS accepts for SigV4. */
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
    private static final String SIGNATURE_PARAMETER = "X-Amz-Signature";
    private static final String SECURITY_TOKEN = "X-Amz-Security-Token";
    private static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final HexFormat HEX = HexFormat.of();

    private final Predicate<String> validRegion;
    private final List<CredentialsResolver> resolvers;
    private final InstantSource clock;
    private final String onlyService;
    private final SigningKeys signingKeys = new SigningKeys(SigningKeys.DEFAULT_CAPACITY);

    /**
     * A verifier of requests to any service, scoped to any region AWS has ({@link Regions}).
     *
     * @param resolvers asked in order for the credentials of a request's access key id
     * @param clock the source of "now" for the 15-minute window
     */
    public SigV4Verifier(List<CredentialsResolver> resolvers, InstantSource clock) {
        this(Regions.ofAws(), resolvers, clock, null);
    }

    /**
     * A verifier of requests to one service signed with one key pair, whose caller is {@code credentials}' account
     * root: for tests and benchmarks.
     *
     * @param service the service requests must be scoped to, such as {@code lambda}
     */
    public SigV4Verifier(Credentials credentials, String region, String service, InstantSource clock) {
        this(Objects.requireNonNull(region, "region")::equals, List.of(new KeyPairResolver(credentials,
                Caller.accountRoot("000000000000", credentials.accessKeyId()))), clock,
                Objects.requireNonNull(service, "service"));
    }

    private SigV4Verifier(Predicate<String> validRegion, List<CredentialsResolver> resolvers, InstantSource clock,
            String onlyService) {
        this.validRegion = validRegion;
        this.resolvers = List.copyOf(resolvers);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onlyService = onlyService;
    }

    /** Whether a request carries a signature at all: a non-blank {@code Authorization} header or a presigned query. */
    public static boolean isSigned(String authorization, String rawQuery) {
        if (authorization != null && !authorization.isBlank()) {
            return true;
        }
        if (rawQuery == null || rawQuery.isEmpty()) {
            return false;
        }
        QueryString query = QueryString.parse(rawQuery);
        return query.contains("X-Amz-Algorithm") || query.contains("X-Amz-Credential");
    }

    /**
     * The whole verification in one call, for a request whose body is in {@code request}: the service must be the
     * one this verifier was built for, or else any service.
     *
     * @return who signed the request
     * @throws EdgeException with the {@link AuthFailure} of the first check that fails
     */
    public Caller verify(SignedRequest request) {
        Signature signature = parse(request);
        requireScopedTo(signature, onlyService == null ? signature.service() : onlyService);
        ResolvedCredentials credentials = resolve(signature);
        if (!credentials.signatureUnchecked()) {
            requireMatch(signature, request, credentials.secretAccessKey());
        }
        return credentials.caller();
    }

    /**
     * Parses the signature and checks its form and time, without the body and without any secret.
     *
     * @param request the request; its body is not read
     * @throws EdgeException {@link AuthFailure#MISSING_TOKEN}, {@link AuthFailure#INCOMPLETE_SIGNATURE} or
     *     {@link AuthFailure#INVALID_SIGNATURE}
     */
    public Signature parse(SignedRequest request) {
        QueryString query = QueryString.parse(request.rawQuery());
        SignatureParameters parameters = signatureParameters(request.headers(), query);
        long maxAgeSeconds = maxAgeSeconds(parameters);
        SigningTime time = SigningTime.parse(parameters.timestamp(), parameters.timestampIsDateHeader());
        time.requireCurrent(clock.instant(), maxAgeSeconds);
        String[] signedHeaderNames = signedHeaderNames(parameters.signedHeaders());
        if (!ALGORITHM.equals(parameters.algorithm())) {
            throw AuthErrors.incomplete("Unsupported AWS 'algorithm': '" + parameters.algorithm()
                    + "' (only " + ALGORITHM + " for now). ");
        }
        CredentialScope scope = CredentialScope.parse(parameters.credential());
        String token = request.headers().first(SECURITY_TOKEN);
        if (token == null && parameters.presigned()) {
            token = query.value(SECURITY_TOKEN);
        }
        return new Signature(parameters, query, time, signedHeaderNames, scope, token);
    }

    /**
     * Fails unless the signature is scoped to a region this verifier accepts, to {@code service}, to the day it was signed
     * on and with the {@code aws4_request} terminator; every mistake is named in one message, as AWS does.
     */
    public void requireScopedTo(Signature signature, String service) {
        signature.scope().requireScopedTo(validRegion, service, signature.time());
    }

    /**
     * The secret and the caller behind the signature's access key id, from the first resolver that knows it.
     *
     * @throws EdgeException {@link AuthFailure#UNRECOGNIZED_CLIENT} if none does, or what a resolver throws
     */
    public ResolvedCredentials resolve(Signature signature) {
        for (CredentialsResolver resolver : resolvers) {
            Optional<ResolvedCredentials> found = resolver.resolve(signature.accessKeyId(), signature.sessionToken());
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw AuthErrors.unrecognizedClient();
    }

    /**
     * Fails unless the signature was made over {@code request} (its body included) with {@code secretAccessKey}.
     *
     * @throws EdgeException {@link AuthFailure#INVALID_SIGNATURE}
     */
    public void requireMatch(Signature signature, SignedRequest request, String secretAccessKey) {
        SignatureParameters parameters = signature.parameters();
        CredentialScope scope = signature.scope();
        StringBuilder canonical = new StringBuilder(256 + 2 * (request.rawPath().length() + request.rawQuery().length()));
        CanonicalRequest.appendWithoutPayloadHash(canonical, request, signature.query(),
                parameters.presigned() ? SIGNATURE_PARAMETER : null, signature.signedHeaderNames(),
                parameters.signedHeaders());
        String stringToSignPrefix = ALGORITHM + '\n' + signature.time().basic() + '\n' + scope.scope() + '\n';
        byte[] provided = parameters.signature().getBytes(StandardCharsets.US_ASCII);
        int withoutPayloadHash = canonical.length();
        if (parameters.presigned()) {
            if (matches(canonical.append(UNSIGNED_PAYLOAD), stringToSignPrefix, scope, secretAccessKey, provided)) {
                return;
            }
            canonical.setLength(withoutPayloadHash);
            if (matches(canonical.append(Sha256.hex(request.body())), stringToSignPrefix, scope, secretAccessKey,
                    provided)) {
                return;
            }
        } else {
            boolean unsigned = UNSIGNED_PAYLOAD.equals(request.headers().first("X-Amz-Content-Sha256"));
            canonical.append(unsigned ? UNSIGNED_PAYLOAD : Sha256.hex(request.body()));
            if (matches(canonical, stringToSignPrefix, scope, secretAccessKey, provided)) {
                return;
            }
        }
        throw AuthErrors.signatureMismatch();
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
        if (query.contains("X-Amz-Algorithm") || query.contains("X-Amz-Credential")) {
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

    private boolean matches(StringBuilder canonicalRequest, String stringToSignPrefix, CredentialScope scope,
            String secretAccessKey, byte[] provided) {
        String stringToSign = stringToSignPrefix
                + Sha256.hex(canonicalRequest.toString().getBytes(StandardCharsets.UTF_8));
        Mac mac = signingKeys.macFor(secretAccessKey, scope.date(), scope.region(), scope.service());
        byte[] expected = HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, provided);
    }
}
