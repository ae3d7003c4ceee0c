package dev.gust.apigateway.rest;

import dev.gust.edge.Caller;
import dev.gust.edge.EdgeException;
import dev.gust.edge.EndpointRequest;
import dev.gust.edge.ErrorWriter;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.Protocol;

/**
 * {@code AWS_IAM} authorization of a REST API method: the request must be SigV4-signed for {@code execute-api} and
 * the signer allowed {@code execute-api:Invoke} on the method's ARN. Stateless.
 */
final class IamAuthorization {

    /** The IAM action of calling an API. */
    static final Operation INVOKE = new Operation("Invoke", "execute-api:Invoke", OperationKind.DATA);

    private IamAuthorization() {
    }

    /** Whether the request may call {@code methodArn}; when not, the 403 is written. */
    static boolean allows(EndpointRequest request, String methodArn) {
        try {
            Caller caller = request.authenticate("execute-api");
            request.authorize(caller, INVOKE, methodArn, null);
            return true;
        } catch (EdgeException e) {
            ErrorWriter.send(request.context().response(), Protocol.REST_JSON, e, request.requestId());
            return false;
        }
    }
}
