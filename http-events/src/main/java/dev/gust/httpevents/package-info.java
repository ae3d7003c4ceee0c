/**
 * The events Lambda's HTTP triggers deliver and the mapping of a function's answer to an HTTP response, as AWS builds
 * them (payload format 2.0 for function URLs and HTTP APIs, 1.0 for HTTP APIs, the REST API proxy event), and CORS.
 * Pure: no I/O, no HTTP server types.
 */
package dev.gust.httpevents;
