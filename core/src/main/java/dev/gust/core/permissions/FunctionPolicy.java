package dev.gust.core.permissions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The resource policy of one function, version or alias: its statements in the order they were added, and the
 * revision id that every change replaces. A policy has at least one statement; removing the last one removes the
 * policy. Immutable.
 */
public record FunctionPolicy(String revisionId, List<PolicyStatement> statements) {

    public FunctionPolicy {
        Objects.requireNonNull(revisionId, "revisionId");
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a policy has at least one statement");
        }
    }

    /** The statement with this id, if any. */
    public Optional<PolicyStatement> statement(String sid) {
        return statements.stream().filter(s -> s.sid().equals(sid)).findFirst();
    }

    /** This policy with {@code statement} appended, under a new revision id. */
    public FunctionPolicy with(PolicyStatement statement, String newRevisionId) {
        List<PolicyStatement> added = new ArrayList<>(statements);
        added.add(statement);
        return new FunctionPolicy(newRevisionId, added);
    }

    /** This policy without the statement {@code sid}, under a new revision id; empty if none would remain. */
    public Optional<FunctionPolicy> without(String sid, String newRevisionId) {
        List<PolicyStatement> remaining = statements.stream().filter(s -> !s.sid().equals(sid)).toList();
        return remaining.isEmpty() ? Optional.empty() : Optional.of(new FunctionPolicy(newRevisionId, remaining));
    }
}
