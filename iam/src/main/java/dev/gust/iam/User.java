package dev.gust.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An IAM user: a long-term identity of one account with access keys and permission policies. Immutable.
 *
 * @param name the user's name (unique in its account, case-insensitively)
 * @param path its path, {@code /} or {@code /a/b/}
 * @param id its unique id, {@code AIDA...}
 * @param created ISO-8601 to the second
 * @param accessKeys its access keys (two at most)
 * @param permissions its inline and attached policies
 */
record User(String name, String path, String id, String created, List<AccessKey> accessKeys,
        Permissions permissions) {

    User {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        accessKeys = accessKeys == null ? List.of() : List.copyOf(accessKeys);
        permissions = permissions == null ? Permissions.NONE : permissions;
    }

    /** {@code arn:aws:iam::ACCOUNT:user/PATH/NAME}. */
    String arn(String accountId) {
        return "arn:aws:iam::" + accountId + ":user" + path + name;
    }

    User withPermissions(Permissions changed) {
        return new User(name, path, id, created, accessKeys, changed);
    }

    User withAccessKey(AccessKey key) {
        List<AccessKey> keys = new ArrayList<>(accessKeys);
        keys.removeIf(k -> k.id().equals(key.id()));
        keys.add(key);
        return new User(name, path, id, created, keys, permissions);
    }

    User withoutAccessKey(String keyId) {
        List<AccessKey> keys = new ArrayList<>(accessKeys);
        keys.removeIf(k -> k.id().equals(keyId));
        return new User(name, path, id, created, keys, permissions);
    }
}
