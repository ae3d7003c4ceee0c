package dev.gust.sts;

import dev.gust.core.ValidationErrors;
import dev.gust.core.credentials.Roles;
import dev.gust.core.credentials.Roles.RoleDescription;
import dev.gust.edge.AuthFailure;
import dev.gust.edge.Caller;
import dev.gust.edge.EdgeException;
import dev.gust.edge.OperationKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/**
 * The {@code AssumeRole} operation: validates a request the way STS does and opens a session of a role that exists
 * (IAM's, through the {@link Roles} seam), for at most the role's {@code MaxSessionDuration}. Whether the caller may
 * assume it is the edge's decision (the role's trust policy is {@link StsService#resourcePolicy}); session policies,
 * tags and external ids are accepted and ignored. A session never gets a larger grant than its caller has.
 * Thread-safe.
 */
final class AssumeRole {

    static final int DEFAULT_DURATION_SECONDS = 3600;
    static final int MIN_DURATION_SECONDS = 900;
    static final int MAX_DURATION_SECONDS = 43200;
    /** A session opened with a session's credentials (role chaining) lasts one hour at most. */
    static final int CHAINED_MAX_DURATION_SECONDS = 3600;

    private static final String ARN_PATTERN =
            "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+";
    private static final Pattern ARN_CHARACTERS =
            Pattern.compile("[\\t\\n\\r\\x20-\\x7E\\x{85}\\x{A0}-\\x{D7FF}\\x{E000}-\\x{FFFD}\\x{10000}-\\x{10FFFF}]+");
    private static final String SESSION_NAME_PATTERN = "[\\w+=,.@-]*";
    private static final String EXTERNAL_ID_PATTERN = "[\\w+=,.@:\\/-]*";
    /** What a packed session policy may take, for {@code PackedPolicySize}'s percentage. */
    private static final int PACKED_POLICY_BYTES = 2048;

    private final SessionTokens tokens;
    private final Roles roles;

    AssumeRole(SessionTokens tokens, Roles roles) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.roles = Objects.requireNonNull(roles, "roles");
    }

    /**
     * Opens the session the request asks for.
     *
     * @param parameters the request's decoded query parameters ({@code RoleArn}, {@code RoleSessionName}, ...)
     * @throws EdgeException {@code ValidationError} (400) for parameters that break STS's constraints or a duration
     *     beyond the role's maximum, or {@link AuthFailure#ACCESS_DENIED} for a role that does not exist
     */
    AssumedRole assume(Caller caller, Map<String, String> parameters) {
        String roleArn = parameters.get("RoleArn");
        String sessionName = parameters.get("RoleSessionName");
        String policy = parameters.get("Policy");
        String externalId = parameters.get("ExternalId");
        String sourceIdentity = parameters.get("SourceIdentity");
        Integer duration = durationSeconds(parameters.get("DurationSeconds"));

        validate(roleArn, sessionName, policy, duration, externalId, sourceIdentity);
        if (!RoleArn.isArn(roleArn)) {
            throw validation(roleArn + " is invalid");
        }
        RoleDescription description = find(roles, roleArn).orElseThrow(() -> EdgeException.auth(
                AuthFailure.ACCESS_DENIED, "User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole on "
                        + "resource: " + roleArn));
        RoleArn role = RoleArn.find(description.arn()).orElseThrow();
        int seconds = duration == null ? DEFAULT_DURATION_SECONDS : duration;
        if (caller.expiration() != null && seconds > CHAINED_MAX_DURATION_SECONDS) {
            throw validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by "
                    + "role chaining.");
        }
        if (seconds > description.maxSessionDurationSeconds()) {
            throw validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        OperationKind grant = atMost(caller.grant(), OperationKind.WRITE);
        return new AssumedRole(tokens.issue(role, description.roleId(), sessionName, grant,
                Duration.ofSeconds(seconds)), policy == null ? null : packedPolicySize(policy));
    }

    /**
     * The role {@code roleArn} names, if it exists with that ARN (path included; IAM's names compare
     * case-insensitively).
     */
    static Optional<RoleDescription> find(Roles roles, String roleArn) {
        return RoleArn.find(roleArn).flatMap(r -> roles.find(r.accountId(), r.roleName()))
                .filter(d -> d.arn().equalsIgnoreCase(roleArn));
    }

    /** Checks the parameters against STS's model, reporting every violation at once, as AWS does. */
    private static void validate(String roleArn, String sessionName, String policy, Integer duration,
            String externalId, String sourceIdentity) {
        ValidationErrors errors = new ValidationErrors();
        errors.requireNotNull(roleArn, "roleArn");
        if (roleArn != null) {
            if (!ARN_CHARACTERS.matcher(roleArn).matches()) {
                errors.add(roleArn, "roleArn", "Member must satisfy regular expression pattern: " + ARN_PATTERN);
            }
            requireLength(errors, roleArn, "roleArn", 20, 2048);
        }
        errors.requireNotNull(sessionName, "roleSessionName");
        if (sessionName != null) {
            errors.requirePattern(sessionName, "roleSessionName", SESSION_NAME_PATTERN);
            requireLength(errors, sessionName, "roleSessionName", 2, 64);
        }
        if (policy != null) {
            requireLength(errors, policy, "policy", 1, Integer.MAX_VALUE);
        }
        errors.requireRange(duration, "durationSeconds", MIN_DURATION_SECONDS, MAX_DURATION_SECONDS);
        if (externalId != null) {
            errors.requirePattern(externalId, "externalId", EXTERNAL_ID_PATTERN);
            requireLength(errors, externalId, "externalId", 2, 1224);
        }
        if (sourceIdentity != null) {
            errors.requirePattern(sourceIdentity, "sourceIdentity", SESSION_NAME_PATTERN);
            requireLength(errors, sourceIdentity, "sourceIdentity", 2, 64);
        }
        errors.message().ifPresent(message -> {
            throw validation(message);
        });
    }

    private static Integer durationSeconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw validation("Invalid value for parameter DurationSeconds: '" + value + "' is not an integer");
        }
    }

    private static void requireLength(ValidationErrors errors, String value, String member, int min, int max) {
        if (value.length() < min) {
            errors.add(value, member, "Member must have length greater than or equal to " + min);
        }
        errors.requireMaxLength(value, member, max);
    }

    private static OperationKind atMost(OperationKind grant, OperationKind ceiling) {
        return grant.compareTo(ceiling) <= 0 ? grant : ceiling;
    }

    /** An estimate of AWS's opaque measure: the deflated policy as a percentage of the packed allowance. */
    static int packedPolicySize(String policy) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(policy.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            byte[] out = new byte[4096];
            int packed = 0;
            while (!deflater.finished()) {
                packed += deflater.deflate(out);
            }
            return (int) Math.ceil(packed * 100.0 / PACKED_POLICY_BYTES);
        } finally {
            deflater.end();
        }
    }

    private static EdgeException validation(String message) {
        return EdgeException.of("ValidationError", 400, message);
    }

    /**
     * A session {@code AssumeRole} opened.
     *
     * @param issued the session and its credentials
     * @param packedPolicySize {@code PackedPolicySize}, or {@code null} when the request had no policy
     */
    record AssumedRole(SessionTokens.IssuedSession issued, Integer packedPolicySize) {
    }
}
