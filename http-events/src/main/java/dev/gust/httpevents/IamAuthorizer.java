package dev.gust.httpevents;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code requestContext.authorizer} of a payload 2.0 event whose request was SigV4-signed ({@code AWS_IAM}
 * function URLs and HTTP API routes): {@code {"iam": {...}}} with the signer's identity, fields in AWS's order.
 * Stateless.
 */
public final class IamAuthorizer {

    private IamAuthorizer() {
    }

    /**
     * @param accessKey the access key id the request was signed with
     * @param accountId the signer's account
     * @param userId the signer's user id ({@code callerId} and {@code userId})
     * @param userArn the signer's ARN
     */
    public static Map<String, Object> of(String accessKey, String accountId, String userId, String userArn) {
        Map<String, Object> iam = new LinkedHashMap<>();
        iam.put("accessKey", accessKey);
        iam.put("accountId", accountId);
        iam.put("callerId", userId);
        iam.put("cognitoIdentity", null);
        iam.put("principalOrgId", null);
        iam.put("userArn", userArn);
        iam.put("userId", userId);
        Map<String, Object> authorizer = new LinkedHashMap<>();
        authorizer.put("iam", iam);
        return authorizer;
    }
}
