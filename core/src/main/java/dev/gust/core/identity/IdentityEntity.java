package dev.gust.core.identity;

import java.util.Objects;

/**
 * One stored thing of the global identity services (IAM's users, roles and managed policies, Organizations'
 * accounts): its account, its kind, its name within the two, and its body, a JSON document only its owner reads.
 * Immutable.
 *
 * @param accountId the account it belongs to
 * @param kind what it is, such as {@code iam/user} or {@code organizations/account}
 * @param name its key within the account and kind
 * @param body its state, JSON
 */
public record IdentityEntity(String accountId, String kind, String name, String body) {

    public IdentityEntity {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }
}
