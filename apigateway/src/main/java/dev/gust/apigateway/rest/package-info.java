/**
 * API Gateway REST APIs ({@code apigateway} v1), the Lambda proxy subset: the management operations under
 * {@code /restapis} ({@link dev.gust.apigateway.rest.RestApis} registers them), the in-memory registry written through
 * to the store, and the invoke URLs that match a stage's deployed resource tree and invoke functions with the REST
 * proxy event. See {@code docs/design/rest-apis.md}.
 */
package dev.gust.apigateway.rest;
