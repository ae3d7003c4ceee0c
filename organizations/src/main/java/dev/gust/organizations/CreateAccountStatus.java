package dev.gust.organizations;

import java.util.Objects;

/**
 * The outcome of one {@code CreateAccount} request: {@code SUCCEEDED} with the new account's id, or {@code FAILED}
 * with AWS's failure reason. Gust creates accounts synchronously, so no request stays {@code IN_PROGRESS}. Immutable.
 *
 * @param id {@code car-} and 32 lower-case hexadecimal digits
 * @param accountName the requested name
 * @param state {@code SUCCEEDED} or {@code FAILED}
 * @param accountId the new account's id, or {@code null} if it failed
 * @param failureReason such as {@code EMAIL_ALREADY_EXISTS}, or {@code null}
 * @param requested when it was requested, in epoch milliseconds
 */
record CreateAccountStatus(String id, String accountName, String state, String accountId, String failureReason,
        long requested) {

    CreateAccountStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(state, "state");
    }
}
