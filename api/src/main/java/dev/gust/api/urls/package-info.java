/**
 * Function URLs' control plane: Create, Get, Update, Delete and ListFunctionUrlConfig(s), with Lambda's validation
 * and errors ({@code FunctionUrlService}), their HTTP binding ({@code FunctionUrlRoutes}) and the URLs' addresses
 * ({@code FunctionUrlAddress}). See {@code docs/design/http-function-urls.md}.
 */
package dev.gust.api.urls;
