/**
 * AWS Lambda as a service on Gust's edge ({@link dev.gust.api.LambdaService}): the control plane and the invoke
 * path that the AWS CLI and SDKs speak, with AWS's paths, status codes, JSON field names and error shapes. The edge
 * ({@code dev.gust.edge}) authenticates and authorizes every request before an operation here sees it.
 */
package dev.gust.api;
