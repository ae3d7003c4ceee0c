/**
 * API Gateway's HTTP APIs ({@code apigatewayv2}): the management API under {@code /v2/apis} ({@code HttpApiOperations}, with the control plane split by resource), the APIs kept in memory and
 * written through to the store ({@code HttpApiRegistry}), and their invoke URLs ({@link dev.gust.apigateway.http.HttpApis},
 * the {@code ApiFamily}): stage and route chosen from memory ({@code ServedApi}, {@code RouteTable}), the function's
 * permission asked off the event loop, the function invoked in the integration's payload format. See
 * {@code docs/design/http-apis.md}.
 */
package dev.gust.apigateway.http;
