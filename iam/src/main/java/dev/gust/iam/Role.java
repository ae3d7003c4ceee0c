package dev.gust.iam;

import java.util.Objects;

/**
 * An IAM role: an identity without long-term keys that trusted principals assume (STS's AssumeRole). Immutable.
 *
 * @param name the role's name (unique in its account, case-insensitively)
 * @param path its path, {@code /} or {@code /a/b/}
 * @param id its unique id, {@code AROA...}
 * @param created ISO-8601 to the second
 * @param trustPolicy its {@code AssumeRolePolicyDocument}, as given
 * @param description its description, or {@code null}
 * @param maxSessionDuration the longest session, in seconds (3600 to 43200)
 * @param permissions its inline and attached policies
 */
record Role(String name, String path, String id, String created, String trustPolicy, String description,
        int maxSessionDuration, Permissions permissions) {

    Role {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(trustPolicy, "trustPolicy");
        permissions = permissions == null ? Permissions.NONE : permissions;
    }

    /** {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}. */
    String arn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role" + path + name;
    }

    Role withPermissions(Permissions changed) {
        return new Role(name, path, id, created, trustPolicy, description, maxSessionDuration, changed);
    }

    Role withTrustPolicy(String document) {
        return new Role(name, path, id, created, document, description, maxSessionDuration, permissions);
    }
}
