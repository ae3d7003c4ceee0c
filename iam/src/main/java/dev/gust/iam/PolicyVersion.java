package dev.gust.iam;

import java.util.Objects;

/**
 * One version of a managed policy: its document, never changed once created. Immutable.
 *
 * @param id {@code v1}, {@code v2}, ...
 * @param document the policy document as given
 * @param created ISO-8601 to the second
 */
record PolicyVersion(String id, String document, String created) {

    PolicyVersion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(created, "created");
    }
}
