package dev.gust.iam;

/**
 * The IAM identities that have permission policies, users and roles, with the names their actions use
 * ({@code PutUserPolicy}/{@code PutRolePolicy}, {@code UserName}/{@code RoleName}).
 */
enum PrincipalKind {
    USER("User"),
    ROLE("Role");

    /** {@code User} or {@code Role}, as in the actions' names. */
    final String noun;
    /** {@code UserName} or {@code RoleName}. */
    final String nameParameter;

    PrincipalKind(String noun) {
        this.noun = noun;
        this.nameParameter = noun + "Name";
    }

    /** The permissions of the user or role {@code name}, which must exist. */
    Permissions permissions(IamAccount account, String name) {
        return switch (this) {
            case USER -> account.requireUser(name).permissions();
            case ROLE -> account.requireRole(name).permissions();
        };
    }

    /** The write that gives the user or role {@code name} these permissions. */
    IamWrite withPermissions(IamAccount account, String name, Permissions permissions) {
        return switch (this) {
            case USER -> new IamWrite.PutUser(account.requireUser(name).withPermissions(permissions));
            case ROLE -> new IamWrite.PutRole(account.requireRole(name).withPermissions(permissions));
        };
    }
}
