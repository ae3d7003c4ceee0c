/**
 * Amazon API Gateway as a hosted service (signing name {@code apigateway}): HTTP APIs ({@code v2}, package {@code http}) and REST APIs ({@code v1}, package {@code rest}) with their invoke URLs {@code <api-id>.execute-api.<region>.localhost}.
 */
package dev.gust.apigateway;
