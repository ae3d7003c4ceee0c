package dev.gust.iam;

import java.util.Objects;

/**
 * One of a user's access keys, without its secret (which is derived, never stored: {@link KeySecrets}). Immutable.
 *
 * @param id {@code AKIA...}
 * @param status {@code Active} or {@code Inactive}
 * @param created when it was created, ISO-8601 to the second
 */
record AccessKey(String id, String status, String created) {

    static final String ACTIVE = "Active";
    static final String INACTIVE = "Inactive";

    AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
    }

    boolean isActive() {
        return ACTIVE.equals(status);
    }
}
