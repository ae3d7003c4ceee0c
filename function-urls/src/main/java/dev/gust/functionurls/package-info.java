/**
 * Lambda function URLs' data plane: requests to {@code <url-id>.lambda-url.<region>.localhost} (or the path form) become payload format 2.0 events, invoked through the {@code Invoker} seam, and the function's answers HTTP responses.
 */
package dev.gust.functionurls;
