package dev.gust.iam;

import dev.gust.core.credentials.Roles.RoleDescription;
import dev.gust.edge.Caller;
import dev.gust.edge.CredentialsResolver.ResolvedCredentials;
import dev.gust.edge.OperationKind;
import dev.gust.policy.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the edge and STS ask of IAM on every request, indexed once after each durable change: the active access keys
 * with their users' identities, each principal's compiled identity-based policies, and the roles. Immutable.
 */
final class IamSnapshot {

    static final IamSnapshot EMPTY = new IamSnapshot(Map.of(), Map.of(), Map.of());

    private final Map<String, ResolvedCredentials> keys;
    private final Map<String, List<Policy>> policies;
    private final Map<String, RoleDescription> roles;

    private IamSnapshot(Map<String, ResolvedCredentials> keys, Map<String, List<Policy>> policies,
            Map<String, RoleDescription> roles) {
        this.keys = keys;
        this.policies = policies;
        this.roles = roles;
    }

    /**
     * Indexes every account.
     *
     * @param managed finds a managed policy (the account's or an AWS-managed one) by account and ARN
     * @param compile the compiled form of a document (cached by the caller)
     */
    static IamSnapshot of(Iterable<IamAccount> accounts, KeySecrets secrets,
            BiFunction<IamAccount, String, Optional<ManagedPolicy>> managed,
            Function<String, Policy> compile) {
        Map<String, ResolvedCredentials> keys = new HashMap<>();
        Map<String, List<Policy>> policies = new HashMap<>();
        Map<String, RoleDescription> roles = new HashMap<>();
        for (IamAccount account : accounts) {
            for (User user : account.users()) {
                String arn = user.arn(account.accountId);
                for (AccessKey key : user.accessKeys()) {
                    if (key.isActive()) {
                        keys.put(key.id(), new ResolvedCredentials(secrets.secretOf(key.id()), new Caller(
                                account.accountId, arn, user.id(), key.id(), OperationKind.WRITE, null)));
                    }
                }
                policies.put(arn, compiled(account, user.permissions(), managed, compile));
            }
            for (Role role : account.roles()) {
                roles.put(roleKey(account.accountId, role.name()), new RoleDescription(role.arn(account.accountId),
                        role.id(), role.trustPolicy(), role.maxSessionDuration()));
                policies.put("arn:aws:iam::" + account.accountId + ":role/" + role.name(),
                        compiled(account, role.permissions(), managed, compile));
            }
        }
        return new IamSnapshot(Map.copyOf(keys), Map.copyOf(policies), Map.copyOf(roles));
    }

    private static List<Policy> compiled(IamAccount account, Permissions permissions,
            BiFunction<IamAccount, String, Optional<ManagedPolicy>> managed,
            Function<String, Policy> compile) {
        List<Policy> compiled = new ArrayList<>();
        permissions.inline().values().forEach(document -> compiled.add(compile.apply(document)));
        for (String arn : permissions.attached()) {
            managed.apply(account, arn).ifPresent(p -> compiled.add(compile.apply(p.document())));
        }
        return List.copyOf(compiled);
    }

    private static String roleKey(String accountId, String roleName) {
        return accountId + "/" + IamAccount.key(roleName);
    }

    /** The secret and identity of an active user access key, or empty. */
    Optional<ResolvedCredentials> key(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    /** The compiled identity-based policies of an IAM principal ({@link Caller#principalArn()}), or none. */
    List<Policy> policiesOf(String principalArn) {
        return policies.getOrDefault(principalArn, List.of());
    }

    /** Whether {@code principalArn} is a user's or a role's ({@link Caller#principalArn()}) that exists. */
    boolean knows(String principalArn) {
        return policies.containsKey(principalArn);
    }

    Optional<RoleDescription> role(String accountId, String roleName) {
        return Optional.ofNullable(roles.get(roleKey(accountId, roleName)));
    }
}
