/**
 * AWS Signature Version 4 verification for the Lambda API: {@link dev.gust.api.auth.SigV4Verifier} checks a
 * framework-neutral {@link dev.gust.api.auth.SignedRequest} in the header form and the presigned query form, and
 * fails with AWS's own 403 error types and messages; {@link dev.gust.api.auth.SigV4Authenticator} adapts it to
 * Vert.x.
 *
 * <p>The canonical request is rebuilt from the request exactly as it arrived (raw path and raw query, still
 * percent-encoded), the way the AWS SDKs and botocore build it for non-S3 services: the path is URI-encoded once
 * more, so {@code %3A} in a function ARN is signed as {@code %253A}.
 */
package dev.gust.api.auth;
