package dev.gust.sts;

import dev.gust.core.credentials.RoleSessions;
import dev.gust.edge.OperationKind;
import java.time.Duration;
import java.util.Objects;

/**
 * Opens sessions of functions' execution roles for the engine. What code inside a function may do with the
 * credentials Lambda puts in its environment is what the role's identity-based policies allow (the edge evaluates
 * them for the session), bounded by one grant for every session, fixed at construction (setting
 * {@code function-credentials}, a session policy; by default {@link OperationKind#WRITE}: no narrower than the
 * role's policies). Thread-safe; never blocks.
 */
public final class ExecutionRoleSessions implements RoleSessions {

    private final SessionTokens tokens;
    private final OperationKind grant;

    /**
     * @param tokens mints the credentials
     * @param grant the most any function's credentials may do
     */
    public ExecutionRoleSessions(SessionTokens tokens, OperationKind grant) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.grant = Objects.requireNonNull(grant, "grant");
    }

    /**
     * @throws IllegalArgumentException if {@code roleArn} is not a role's ARN (the control plane validates a
     *     function's role before the engine ever asks)
     */
    @Override
    public SessionCredentials open(String roleArn, String sessionName, Duration duration) {
        RoleArn role = RoleArn.find(roleArn)
                .orElseThrow(() -> new IllegalArgumentException("not an IAM role ARN: " + roleArn));
        return tokens.issue(role, sessionName, grant, duration).credentials();
    }
}
