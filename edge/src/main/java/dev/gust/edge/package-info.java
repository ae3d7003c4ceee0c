/**
 * The service edge: the one HTTP endpoint of every AWS service Gust hosts ({@link dev.gust.edge.ServiceEdge}).
 * A service implements {@link dev.gust.edge.HostedService} and registers its {@link dev.gust.edge.Operation}s
 * with {@link dev.gust.edge.ServiceRoutes}; the edge authenticates each request (SigV4, {@code dev.gust.edge.auth},
 * credentials from {@link dev.gust.edge.CredentialsResolver}s), routes it by the credential scope's service, bounds
 * its body, authorizes the {@link dev.gust.edge.Caller} by {@link dev.gust.edge.OperationKind}, and writes its own
 * errors in the service's {@link dev.gust.edge.Protocol} ({@link dev.gust.edge.ErrorWriter}). It knows no
 * service's internals. See {@code docs/design/edge.md}.
 */
package dev.gust.edge;
