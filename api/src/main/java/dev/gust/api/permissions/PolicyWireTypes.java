package dev.gust.api.permissions;

/** The request bodies of the policy operations, as Lambda's wire format names their members. */
final class PolicyWireTypes {

    private PolicyWireTypes() {
    }

    /** The body of AddPermission ({@code Qualifier} is a query parameter). */
    record AddPermissionRequest(String statementId, String action, String principal, String sourceArn,
            String sourceAccount, String eventSourceToken, String revisionId, String principalOrgID,
            String functionUrlAuthType, Boolean invokedViaFunctionUrl) {
    }
}
