package dev.gust.core.permissions;

import java.util.Objects;

/**
 * One statement of a function's resource policy, as AddPermission adds it: its effect is always {@code Allow} and
 * its resource is the function, version or alias whose policy holds it. Each non-null condition value must hold
 * for the statement to allow a request.
 *
 * @param sid the statement id, unique within the policy
 * @param principal who is allowed
 * @param action the allowed action: {@code lambda:InvokeFunction}, {@code lambda:*}, {@code *}, ...
 * @param sourceArn {@code ArnLike AWS:SourceArn} ({@code *} and {@code ?} wildcards), or {@code null}
 * @param sourceAccount {@code StringEquals AWS:SourceAccount}, or {@code null}
 * @param eventSourceToken {@code StringEquals lambda:EventSourceToken} (Alexa), or {@code null}
 * @param functionUrlAuthType {@code StringEquals lambda:FunctionUrlAuthType}, or {@code null}
 * @param principalOrgId {@code StringEquals aws:PrincipalOrgID}, or {@code null}
 */
public record PolicyStatement(String sid, PolicyPrincipal principal, String action, String sourceArn,
        String sourceAccount, String eventSourceToken, String functionUrlAuthType, String principalOrgId) {

    public PolicyStatement {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
    }
}
