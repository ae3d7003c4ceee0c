/**
 * AWS Security Token Service, hosted on the edge: {@code GetCallerIdentity}, {@code AssumeRole}, and the temporary
 * credentials it issues. Session tokens are authenticated, self-contained blobs, so no session is ever stored and
 * every session outlives a restart of the server (see {@code docs/design/security.md}).
 */
package dev.gust.sts;
