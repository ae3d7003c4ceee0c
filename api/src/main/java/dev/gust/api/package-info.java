/**
 * The AWS-compatible HTTP API of Gust: the Lambda control plane that the AWS CLI and SDKs speak, with SigV4
 * authentication, AWS's paths, status codes, JSON field names and error shapes.
 */
package dev.gust.api;
