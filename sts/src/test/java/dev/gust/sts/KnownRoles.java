package dev.gust.sts;

import dev.gust.core.credentials.Roles;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A fake of IAM's roles for the tests: the roles added, found by account and name (case-insensitively). */
final class KnownRoles implements Roles {

    /** A trust policy that lets the account {@code 000000000000} assume the role. */
    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final Map<String, RoleDescription> roles = new HashMap<>();

    /** Adds the role {@code arn} with the id {@code roleId}, trusting account {@code 000000000000}. */
    KnownRoles add(String arn, String roleId, int maxSessionDurationSeconds) {
        return add(new RoleDescription(arn, roleId, TRUST, maxSessionDurationSeconds));
    }

    KnownRoles add(RoleDescription role) {
        RoleArn parsed = RoleArn.find(role.arn()).orElseThrow();
        roles.put(key(parsed.accountId(), parsed.roleName()), role);
        return this;
    }

    @Override
    public Optional<RoleDescription> find(String accountId, String roleName) {
        return Optional.ofNullable(roles.get(key(accountId, roleName)));
    }

    private static String key(String accountId, String roleName) {
        return accountId + "/" + roleName.toLowerCase(Locale.ROOT);
    }
}
