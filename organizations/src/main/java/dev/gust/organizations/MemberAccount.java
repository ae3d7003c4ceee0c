package dev.gust.organizations;

import java.util.Objects;

/**
 * An account of the organization that {@code CreateAccount} made, as stored. Immutable.
 *
 * @param id its twelve-digit account id
 * @param name its {@code AccountName}
 * @param email its root user's email address
 * @param requestId the {@code car-...} id of the request that created it
 * @param joined when it was created, in epoch milliseconds
 */
record MemberAccount(String id, String name, String email, String requestId, long joined) {

    MemberAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(requestId, "requestId");
    }
}
