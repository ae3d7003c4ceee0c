package dev.gust.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The resource policy of one layer version: its statements in the order they were added, and the revision id
 * that changes with every change.
 */
public record LayerPolicy(String revisionId, List<LayerPermission> statements) {

    public LayerPolicy {
        Objects.requireNonNull(revisionId, "revisionId");
        statements = List.copyOf(statements);
    }

    /** The statement with this id, if any. */
    public Optional<LayerPermission> statement(String statementId) {
        return statements.stream().filter(s -> s.statementId().equals(statementId)).findFirst();
    }
}
