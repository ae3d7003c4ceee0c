package dev.gust.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Decides whether an API request is authentic; throws an AWS-shaped 403 {@code LambdaException} if not. */
@FunctionalInterface
public interface RequestAuthenticator {

    void authenticate(HttpServerRequest request, Buffer body);
}
