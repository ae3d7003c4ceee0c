package dev.gust.core.credentials;

import java.util.Objects;
import java.util.Optional;

/**
 * The IAM roles that exist: the seam through which STS checks that a role it is asked to assume exists, and reads its
 * id, trust policy and longest session. Implemented by IAM; STS knows only this interface. Thread-safe; answers from
 * memory (called on event loops).
 */
@FunctionalInterface
public interface Roles {

    /** The role {@code roleName} of {@code accountId} (names compare case-insensitively, as IAM's do), or empty. */
    Optional<RoleDescription> find(String accountId, String roleName);

    /** No role exists: every AssumeRole is refused. */
    Roles NONE = (accountId, roleName) -> Optional.empty();

    /**
     * What STS needs to know of a role. Immutable.
     *
     * @param arn the role's ARN with its path, {@code arn:aws:iam::ACCOUNT:role/PATH/NAME}
     * @param roleId the role's unique id, {@code AROA...}
     * @param trustPolicy the role's trust policy document (its {@code AssumeRolePolicyDocument}), JSON
     * @param maxSessionDurationSeconds the longest session AssumeRole may open (3600 to 43200)
     */
    record RoleDescription(String arn, String roleId, String trustPolicy, int maxSessionDurationSeconds) {

        public RoleDescription {
            Objects.requireNonNull(arn, "arn");
            Objects.requireNonNull(roleId, "roleId");
            Objects.requireNonNull(trustPolicy, "trustPolicy");
        }
    }
}
