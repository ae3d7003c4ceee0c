package dev.gust.iam;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The IAM state of one account: its users, roles and customer managed policies, each keyed by its name in lower
 * case (IAM's names are unique case-insensitively). Not thread-safe: {@link Iam} guards it.
 */
final class IamAccount {

    final String accountId;
    final Map<String, User> users = new TreeMap<>();
    final Map<String, Role> roles = new TreeMap<>();
    final Map<String, ManagedPolicy> policies = new TreeMap<>();

    IamAccount(String accountId) {
        this.accountId = accountId;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    Optional<User> user(String name) {
        return Optional.ofNullable(users.get(key(name)));
    }

    User requireUser(String name) {
        return user(name).orElseThrow(() -> IamErrors.noSuchUser(name));
    }

    Optional<Role> role(String name) {
        return Optional.ofNullable(roles.get(key(name)));
    }

    Role requireRole(String name) {
        return role(name).orElseThrow(() -> IamErrors.noSuchRole(name));
    }

    /** The customer managed policy with this ARN, compared exactly. */
    Optional<ManagedPolicy> policy(String arn) {
        return policies.values().stream().filter(p -> p.arn().equals(arn)).findFirst();
    }

    Collection<User> users() {
        return users.values();
    }

    Collection<Role> roles() {
        return roles.values();
    }

    /** How many users and roles of this account have the policy attached. */
    int attachmentCount(String policyArn) {
        return (int) (users.values().stream().filter(u -> u.permissions().attached().contains(policyArn)).count()
                + roles.values().stream().filter(r -> r.permissions().attached().contains(policyArn)).count());
    }

    void apply(IamWrite write) {
        switch (write) {
            case IamWrite.PutUser(User user) -> users.put(key(user.name()), user);
            case IamWrite.DeleteUser(String name) -> users.remove(key(name));
            case IamWrite.PutRole(Role role) -> roles.put(key(role.name()), role);
            case IamWrite.DeleteRole(String name) -> roles.remove(key(name));
            case IamWrite.PutPolicy(ManagedPolicy policy) -> policies.put(key(policy.name()), policy);
            case IamWrite.DeletePolicy(String name) -> policies.remove(key(name));
        }
    }
}
