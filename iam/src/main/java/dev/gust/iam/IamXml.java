package dev.gust.iam;

import dev.gust.edge.QueryXml;

/** IAM's XML namespace and the responses written in it. Stateless. */
final class IamXml {

    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

    private IamXml() {
    }

    /** A response with a result element to fill. */
    static QueryXml result(String action) {
        return QueryXml.result(NAMESPACE, action);
    }

    /** The whole response of an action that returns nothing but its request id. */
    static String empty(String action, String requestId) {
        return QueryXml.empty(NAMESPACE, action, requestId);
    }
}
