package dev.gust.iam;

/** One change to an account's IAM state, committed durably before it is applied in memory. Immutable. */
sealed interface IamWrite {

    record PutUser(User user) implements IamWrite {
    }

    record DeleteUser(String name) implements IamWrite {
    }

    record PutRole(Role role) implements IamWrite {
    }

    record DeleteRole(String name) implements IamWrite {
    }

    record PutPolicy(ManagedPolicy policy) implements IamWrite {
    }

    record DeletePolicy(String name) implements IamWrite {
    }
}
