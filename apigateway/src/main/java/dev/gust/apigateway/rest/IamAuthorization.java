package dev.gust.apigateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.edge.Caller;
import dev.gust.edge.EdgeException;
import dev.gust.edge.EndpointRequest;
import dev.gust.edge.ErrorWriter;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code AWS_IAM} authorization of a REST API method: the request must be SigV4-signed for {@code execute-api} and
 * the signer allowed {@code execute-api:Invoke} on the method's ARN. Stateless.
 */
final class IamAuthorization {

    /** The IAM action of calling an API. */
    static final Operation INVOKE = new Operation("Invoke", "execute-api:Invoke", OperationKind.DATA);

    private IamAuthorization() {
    }

    /** The caller if the request may call {@code methodArn}; else {@code null}, and the 403 is written. */
    static Caller authorize(EndpointRequest request, String methodArn) {
        try {
            Caller caller = request.authenticate("execute-api");
            request.authorize(caller, INVOKE, methodArn, null);
            return caller;
        } catch (EdgeException e) {
            ErrorWriter.send(request.context().response(), Protocol.REST_JSON, e, request.requestId());
            return null;
        }
    }

    /**
     * The REST proxy {@code event} with the signer in {@code requestContext.identity}, as API Gateway fills it for an
     * {@code AWS_IAM} method: {@code accessKey}, {@code accountId}, {@code caller} and {@code user} (the caller's
     * user id: the account id for a root, {@code ROLEID:SESSION} for an assumed role) and {@code userArn}.
     */
    static byte[] withIdentity(byte[] event, Caller caller) {
        try {
            JsonNode root = RestApiJson.MAPPER.readTree(event);
            JsonNode identity = root.path("requestContext").path("identity");
            if (identity instanceof ObjectNode fields) {
                fields.put("accessKey", caller.accessKeyId()).put("accountId", caller.accountId())
                        .put("caller", caller.userId()).put("user", caller.userId()).put("userArn", caller.arn());
            }
            return RestApiJson.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
