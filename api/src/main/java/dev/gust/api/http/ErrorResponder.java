package dev.gust.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.LambdaException;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes a {@link LambdaException} as AWS does: status, {@code x-amzn-ErrorType} header and a JSON body whose
 * members depend on the error (see {@link LambdaException.BodyStyle}). Stateless and thread-safe.
 */
public final class ErrorResponder {

    private ErrorResponder() {
    }

    public static void send(HttpServerResponse response, LambdaException e) {
        if (response.ended() || response.closed()) {
            return;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        switch (e.bodyStyle()) {
            case CAPITAL_MESSAGE -> body.put("Type", "User").put("Message", e.getMessage());
            case LOWER_MESSAGE -> body.put("Type", "User").put("message", e.getMessage());
            case MESSAGE_ONLY -> body.put("message", e.getMessage());
        }
        if (e.reason() != null) {
            body.put("Reason", e.reason());
        }
        response.setStatusCode(e.status())
                .putHeader("x-amzn-ErrorType", e.errorType())
                .putHeader("Content-Type", "application/json")
                .end(body.toString());
    }
}
