/**
 * AWS Signature Version 4 verification for every hosted service: {@link dev.gust.edge.auth.SigV4Verifier} checks a
 * framework-neutral {@link dev.gust.edge.auth.SignedRequest} in the header form and the presigned query form against
 * credentials that {@link dev.gust.edge.CredentialsResolver}s find per access key id, and fails with an
 * {@link dev.gust.edge.EdgeException} of an {@link dev.gust.edge.AuthFailure} that each protocol names in its own
 * words; {@link dev.gust.edge.auth.VertxSignedRequests} adapts a Vert.x request to it.
 *
 * <p>The canonical request is rebuilt from the request exactly as it arrived (raw path and raw query, still
 * percent-encoded), the way the AWS SDKs and botocore build it for non-S3 services: the path is URI-encoded once
 * more, so {@code %3A} in a function ARN is signed as {@code %253A}. (S3 signs the path as it is; it will need a
 * switch here when it is hosted.)
 */
package dev.gust.edge.auth;
