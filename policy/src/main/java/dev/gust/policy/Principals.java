package dev.gust.policy;

import java.util.Set;

/**
 * A statement's compiled {@code Principal} (or {@code NotPrincipal}): everyone ({@code "*"}), or AWS principals
 * (accounts, users, roles, assumed-role sessions), service principals, federated and canonical users. An account id
 * names the account's root, which as a principal stands for every identity of the account. Immutable.
 *
 * @param everyone whether {@code "*"} (or {@code {"AWS": "*"}}) was given
 * @param arns the AWS principals' ARNs, account ids turned into {@code arn:aws:iam::ACCOUNT:root}
 * @param services the service principals, such as {@code lambda.amazonaws.com}
 * @param others federated and canonical users, which Gust never authenticates
 */
record Principals(boolean everyone, Set<String> arns, Set<String> services, Set<String> others) {

    /**
     * How these principals name the request's caller: {@link PolicyMatch#ALLOW} if they name it (everyone, its user,
     * role, session or service principal), {@link PolicyMatch#ALLOW_ACCOUNT} if they name only its account, else
     * {@link PolicyMatch#NONE}.
     */
    PolicyMatch match(RequestContext request) {
        if (everyone) {
            return PolicyMatch.ALLOW;
        }
        if (request.servicePrincipal() != null && services.contains(request.servicePrincipal())) {
            return PolicyMatch.ALLOW;
        }
        String principal = request.principalArn();
        if (principal == null) {
            return PolicyMatch.NONE;
        }
        if (arns.contains(principal) || arns.contains(request.callerArn())) {
            return PolicyMatch.ALLOW;
        }
        return arns.contains(request.accountRootArn()) ? PolicyMatch.ALLOW_ACCOUNT
                : PolicyMatch.NONE;
    }
}
