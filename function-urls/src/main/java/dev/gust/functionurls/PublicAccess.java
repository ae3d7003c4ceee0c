package dev.gust.functionurls;

import dev.gust.core.urls.FunctionUrlConfig;
import dev.gust.policy.Policy;
import dev.gust.policy.PolicyMatch;
import dev.gust.policy.RequestContext;
import java.util.Optional;

/**
 * Whether an anonymous request may invoke a public ({@code AuthType NONE}) function URL: as on AWS, only the
 * resource-based policy of the URL's function or alias can allow it, with a statement for principal {@code *},
 * action {@code lambda:InvokeFunctionUrl} and, when it has the condition, {@code lambda:FunctionUrlAuthType NONE}
 * (what {@code add-permission --function-url-auth-type NONE} writes). An explicit deny wins. Stateless.
 */
final class PublicAccess {

    static final String ACTION = "lambda:InvokeFunctionUrl";
    static final String AUTH_TYPE_KEY = "lambda:FunctionUrlAuthType";

    private final UrlPolicies policies;

    PublicAccess(UrlPolicies policies) {
        this.policies = policies;
    }

    /** Whether the URL's policy allows an anonymous caller from {@code sourceIp}. */
    boolean allows(FunctionUrlConfig url, String sourceIp) {
        Optional<Policy> policy = policies.of(url.account(), url.functionName(), url.qualifier());
        if (policy.isEmpty()) {
            return false;
        }
        RequestContext request = RequestContext.builder(ACTION, url.functionArn())
                .resourceAccount(url.account().accountId())
                .key("lambda:functionurlauthtype", FunctionUrlConfig.AUTH_NONE)
                .key("aws:sourceip", sourceIp)
                .key("aws:securetransport", "false")
                .build();
        return policy.get().evaluate(request) == PolicyMatch.ALLOW;
    }
}
