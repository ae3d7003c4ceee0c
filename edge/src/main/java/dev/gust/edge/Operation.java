package dev.gust.edge;

import java.util.Objects;

/**
 * An operation of a hosted service, as the edge's registry knows it: its name, its IAM action and its kind.
 *
 * @param name the operation's name in the service's model, such as {@code Invoke}
 * @param action the IAM action from AWS's Service Authorization Reference, such as {@code lambda:InvokeFunction}
 * @param kind what it does, which decides who may call it
 */
public record Operation(String name, String action, OperationKind kind) {

    public Operation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
    }
}
