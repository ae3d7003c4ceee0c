package dev.gust.core.identity;

import java.util.List;

/**
 * Gives a new member account its {@code OrganizationAccountAccessRole}: the seam through which Organizations creates
 * an account and the role the management account enters it by, in one durable step, without knowing IAM.
 * Implemented by IAM. Thread-safe; blocks on storage (call it from a worker thread).
 */
@FunctionalInterface
public interface AccountAccessRoles {

    /** The role AWS Organizations creates in every account it creates. */
    String ROLE_NAME = "OrganizationAccountAccessRole";

    /**
     * Durably creates, in one transaction with {@code alongWith} (the caller's own record of the account), the role
     * {@link #ROLE_NAME} in {@code accountId}, trusting {@code arn:aws:iam::MANAGEMENT:root} and with
     * {@code AdministratorAccess} attached; then serves it.
     */
    void create(String accountId, String managementAccountId, List<IdentityChange> alongWith);
}
