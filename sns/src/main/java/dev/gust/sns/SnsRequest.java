package dev.gust.sns;

import dev.gust.core.Account;
import dev.gust.edge.Caller;
import dev.gust.edge.QueryXml;

/**
 * One SNS request, as the action handlers see it: who asked, in which namespace, with which parameters. Immutable.
 *
 * @param caller the authenticated caller
 * @param account the caller's account in the request's signing region
 * @param parameters the request's parameters
 * @param requestId the request id for the response's metadata
 */
record SnsRequest(Caller caller, Account account, SnsParameters parameters, String requestId) {

    /** SNS's XML namespace. */
    static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    /** A response of {@code action} with a result to fill. */
    QueryXml result(String action) {
        return QueryXml.result(NAMESPACE, action);
    }

    /** The whole response of an action that answers only its request id. */
    String empty(String action) {
        return QueryXml.empty(NAMESPACE, action, requestId);
    }
}
