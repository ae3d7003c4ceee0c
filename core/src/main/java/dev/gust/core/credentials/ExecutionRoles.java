package dev.gust.core.credentials;

/**
 * The IAM roles as Lambda's control plane sees them: the seam through which it checks a function's execution role
 * and, in dev mode, creates one that does not exist. Implemented by IAM; Lambda knows only this interface.
 * Thread-safe; {@link #find} answers from memory, {@link #create} blocks on storage (worker threads only).
 */
public interface ExecutionRoles extends Roles {

    /**
     * Creates the role {@code roleName} with {@code path} in {@code accountId}, trusting {@code trustPolicy}, with one
     * inline policy, unless a role of that name exists already; either way answers the role that exists afterwards,
     * durable and visible to IAM's operations.
     *
     * @param path the role's path, {@code /} or {@code /a/b/}
     * @param policyName the inline policy's name
     * @param policyDocument the inline policy's document, JSON
     */
    RoleDescription create(String accountId, String path, String roleName, String trustPolicy, String policyName,
            String policyDocument);
}
