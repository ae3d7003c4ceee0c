package dev.gust.edge;

/**
 * What an operation does, which decides who may call it before identity-based policies exist. Ordered: a grant of
 * one kind allows every kind before it.
 */
public enum OperationKind {
    /** Needs no permission on AWS either: {@code sts:GetCallerIdentity}. */
    IDENTITY,
    /** The data plane: Invoke, and the later services' data operations (send a message, put an object). */
    DATA,
    /** Reading the control plane: Get, List. */
    READ,
    /** Changing the control plane: Create, Update, Delete, Put, Tag, AddPermission. */
    WRITE;

    /** Whether a caller granted {@code this} may call an operation of kind {@code kind}. */
    public boolean allows(OperationKind kind) {
        return kind.ordinal() <= ordinal();
    }
}
