package dev.gust.edge;

import java.time.Instant;
import java.util.Objects;

/**
 * The authenticated identity behind a request: who signed it, in which account, and what it may do. Immutable.
 *
 * @param accountId the twelve-digit account the identity belongs to
 * @param arn the identity's ARN: {@code arn:aws:iam::000000000000:root}, or an assumed role's
 *     {@code arn:aws:sts::000000000000:assumed-role/ROLE/SESSION}
 * @param userId what {@code GetCallerIdentity} answers as {@code UserId}: the account id for the root, or
 *     {@code ROLEID:SESSION} for an assumed role
 * @param accessKeyId the access key id the request was signed with
 * @param grant the most this identity may do (see {@link OperationKind#allows})
 * @param expiration when temporary credentials expire, or {@code null} for long-term ones
 */
public record Caller(String accountId, String arn, String userId, String accessKeyId, OperationKind grant,
        Instant expiration) {

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(grant, "grant");
    }

    /** Whether this is an account's root ({@code arn:aws:iam::ACCOUNT:root}). */
    public boolean isAccountRoot() {
        return arn.endsWith(":root") && arn.startsWith("arn:aws:iam::");
    }

    /**
     * The IAM principal whose identity-based policies apply, as {@code aws:PrincipalArn} names it: the root's or a
     * user's own ARN, or for an assumed role ({@code arn:aws:sts::A:assumed-role/ROLE/SESSION}) the role's ARN
     * {@code arn:aws:iam::A:role/ROLE} (role names are unique in an account whatever their path, so the path is
     * left out).
     */
    public String principalArn() {
        String assumed = "arn:aws:sts::" + accountId + ":assumed-role/";
        if (arn.startsWith(assumed)) {
            int end = arn.indexOf('/', assumed.length());
            return "arn:aws:iam::" + accountId + ":role/" + arn.substring(assumed.length(), end < 0 ? arn.length() : end);
        }
        return arn;
    }

    /**
     * The account's root, signing with a long-term key: {@code arn:aws:iam::ACCOUNT:root}, whose {@code UserId} is the
     * account id, and who may do everything.
     */
    public static Caller accountRoot(String accountId, String accessKeyId) {
        return new Caller(accountId, "arn:aws:iam::" + accountId + ":root", accountId, accessKeyId, OperationKind.WRITE,
                null);
    }
}
