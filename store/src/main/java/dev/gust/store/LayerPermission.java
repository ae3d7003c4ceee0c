package dev.gust.store;

import java.util.Objects;

/**
 * One statement of a layer version's resource policy (AddLayerVersionPermission).
 *
 * @param statementId the statement's id, unique within the policy
 * @param action always {@code lambda:GetLayerVersion}, the only action the model allows
 * @param principal an account id, {@code *}, or an account root ARN
 * @param organizationId an organization id limiting {@code *}, or {@code null}
 */
public record LayerPermission(String statementId, String action, String principal, String organizationId) {

    public LayerPermission {
        Objects.requireNonNull(statementId, "statementId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(principal, "principal");
    }
}
