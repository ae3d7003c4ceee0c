package dev.gust.eventsources;

import dev.gust.core.Account;
import dev.gust.core.credentials.RoleSessions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The credentials a mapping's pollers sign with at Gust's edge: a session of the function's execution role, opened
 * through {@link RoleSessions} for an hour and renewed five minutes before it ends, so that the edge evaluates the
 * role's policies as IAM does for Lambda's pollers on AWS. While the function is missing, the last session is used
 * until it expires. Thread-safe.
 */
final class RoleCredentials implements AwsCredentialsProvider {

    private static final Duration SESSION = Duration.ofHours(1);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final Account account;
    private final String functionName;
    private final FunctionRoles roles;
    private final RoleSessions sessions;
    private final InstantSource clock;
    private volatile RoleSessions.SessionCredentials current;

    RoleCredentials(Account account, String functionName, FunctionRoles roles, RoleSessions sessions,
            InstantSource clock) {
        this.account = account;
        this.functionName = functionName;
        this.roles = roles;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        RoleSessions.SessionCredentials session = current;
        Instant now = clock.instant();
        if (session == null || session.expiration().minus(RENEW_BEFORE).isBefore(now)) {
            session = renew(session, now);
        }
        return AwsSessionCredentials.builder().accessKeyId(session.accessKeyId())
                .secretAccessKey(session.secretAccessKey()).sessionToken(session.sessionToken())
                .expirationTime(session.expiration()).build();
    }

    private synchronized RoleSessions.SessionCredentials renew(RoleSessions.SessionCredentials seen, Instant now) {
        if (current != seen) {
            return current;
        }
        var role = roles.find(account, functionName);
        if (role.isEmpty()) {
            if (seen != null && seen.expiration().isAfter(now)) {
                return seen;
            }
            throw SdkClientException.create("Function not found: " + account.functionArn(functionName));
        }
        current = sessions.open(role.get(), functionName, SESSION);
        return current;
    }
}
