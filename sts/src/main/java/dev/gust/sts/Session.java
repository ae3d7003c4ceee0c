package dev.gust.sts;

import dev.gust.edge.Caller;
import dev.gust.edge.OperationKind;
import java.time.Instant;
import java.util.Objects;

/**
 * A session of an IAM role: what a session token carries and proves. Immutable.
 *
 * @param accessKeyId the session's {@code ASIA...} access key id
 * @param role the role the session is of
 * @param sessionName the {@code RoleSessionName}
 * @param roleId the role's unique id, {@code AROA...}
 * @param grant the most the session may do; never more than the grant of whoever opened it
 * @param expiration when the session's credentials stop being accepted (whole seconds)
 */
public record Session(String accessKeyId, RoleArn role, String sessionName, String roleId, OperationKind grant,
        Instant expiration) {

    public Session {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(expiration, "expiration");
    }

    /** {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}. */
    public String assumedRoleArn() {
        return role.assumedRoleArn(sessionName);
    }

    /** {@code AROA...:SESSION}: the session's {@code AssumedRoleId} and {@code UserId}. */
    public String assumedRoleId() {
        return roleId + ":" + sessionName;
    }

    /** The identity behind a request signed with this session's credentials. */
    public Caller caller() {
        return new Caller(role.accountId(), assumedRoleArn(), assumedRoleId(), accessKeyId, grant, expiration);
    }
}
