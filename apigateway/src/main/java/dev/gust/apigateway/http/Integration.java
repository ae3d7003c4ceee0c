package dev.gust.apigateway.http;

import java.util.Objects;

/**
 * An integration of an HTTP API: a Lambda proxy integration ({@code AWS_PROXY}) with its function and payload format.
 * Immutable.
 *
 * @param integrationId the integration's id
 * @param integrationUri {@code IntegrationUri}: a function ARN, or API Gateway's
 *     {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function-arn>/invocations}; may name
 *     {@code ${stageVariables.<name>}}
 * @param payloadFormatVersion {@code 1.0} or {@code 2.0}
 * @param timeoutInMillis {@code TimeoutInMillis}, 50 to 30000
 * @param description {@code Description}, or {@code null}
 * @param apiGatewayManaged whether quick create made it
 */
public record Integration(String integrationId, String integrationUri, String payloadFormatVersion,
        int timeoutInMillis, String description, boolean apiGatewayManaged) {

    /** The only integration type Gust serves. */
    public static final String AWS_PROXY = "AWS_PROXY";
    /** The largest (and default) integration timeout of HTTP APIs. */
    public static final int MAX_TIMEOUT_MILLIS = 30_000;

    public Integration {
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(integrationUri, "integrationUri");
        Objects.requireNonNull(payloadFormatVersion, "payloadFormatVersion");
    }
}
