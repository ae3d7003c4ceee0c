package dev.gust.iam;

import dev.gust.edge.Caller;

/**
 * One IAM request as an action handler sees it: who calls, the parameters, and the request id. Not thread-safe
 * (its parameters collect validation errors).
 *
 * @param caller the authenticated caller; IAM acts on the caller's account
 * @param parameters the request's parameters
 * @param requestId the id the edge gave the request
 */
record IamRequest(Caller caller, IamParameters parameters, String requestId) {

    String accountId() {
        return caller.accountId();
    }
}
