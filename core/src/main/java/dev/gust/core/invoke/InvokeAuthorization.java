package dev.gust.core.invoke;

import java.util.Objects;
import java.util.Optional;

/**
 * A question to the function's resource policy: may this principal perform this action on this function, version
 * or alias, in this context? Triggers ask it before they invoke a function on a service's behalf.
 *
 * @param functionName the function's bare name
 * @param qualifier the version or alias the invocation names; empty (or {@code $LATEST}) means the unqualified
 *     function, whose policy is a different document from each version's and alias's
 * @param principal a service principal ({@code s3.amazonaws.com}), an account id, or an IAM/STS identity ARN
 * @param action {@code lambda:InvokeFunction}, {@code lambda:InvokeFunctionUrl}, ...
 * @param sourceArn the ARN of the resource on whose behalf the service invokes (the bucket, topic, rule), if any
 * @param sourceAccount the account that owns that resource, if known
 * @param principalOrgId the organization of the calling principal, if any
 * @param functionUrlAuthType the function URL's auth type ({@code NONE} or {@code AWS_IAM}), for URL invocations
 * @param eventSourceToken the event source token (Alexa skills), if any
 */
public record InvokeAuthorization(String functionName, Optional<String> qualifier, String principal, String action,
        Optional<String> sourceArn, Optional<String> sourceAccount, Optional<String> principalOrgId,
        Optional<String> functionUrlAuthType, Optional<String> eventSourceToken) {

    /** The action of Invoke. */
    public static final String INVOKE_FUNCTION = "lambda:InvokeFunction";

    public InvokeAuthorization {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(sourceArn, "sourceArn");
        Objects.requireNonNull(sourceAccount, "sourceAccount");
        Objects.requireNonNull(principalOrgId, "principalOrgId");
        Objects.requireNonNull(functionUrlAuthType, "functionUrlAuthType");
        Objects.requireNonNull(eventSourceToken, "eventSourceToken");
    }

    /**
     * A service's {@code lambda:InvokeFunction} on behalf of one of its resources, the question a trigger asks:
     * e.g. {@code s3.amazonaws.com} for bucket {@code arn:aws:s3:::photos} owned by account {@code 000000000000}.
     */
    public static InvokeAuthorization serviceInvoke(String functionName, Optional<String> qualifier,
            String servicePrincipal, String sourceArn, String sourceAccount) {
        return new InvokeAuthorization(functionName, qualifier, servicePrincipal, INVOKE_FUNCTION,
                Optional.ofNullable(sourceArn), Optional.ofNullable(sourceAccount), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
