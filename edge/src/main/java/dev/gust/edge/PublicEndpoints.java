package dev.gust.edge;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests to the services' public endpoints ({@link ServiceRoutes#endpoint}) by host
 * ({@code <id>.<label>.<region>.<domain>}) or by the path form ({@code /_gust/<label>/<id>/...}), reads their bodies
 * within the endpoint's bound and calls the endpoint's handler. Stateless.
 */
final class PublicEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(PublicEndpoints.class);
    private static final String PATH_FORM = "/_gust/";

    private PublicEndpoints() {
    }

    /** Serves the request if it is for a public endpoint, and says whether it was. */
    static boolean serve(RoutingContext ctx, ServiceEdge edge, Map<String, HostedRoutes.PublicEndpoint> endpoints) {
        HttpServerRequest request = ctx.request();
        HostAndPort authority = request.authority();
        String host = authority == null ? null : authority.host();
        if (host != null) {
            int first = host.indexOf('.');
            int second = first < 0 ? -1 : host.indexOf('.', first + 1);
            int third = second < 0 ? -1 : host.indexOf('.', second + 1);
            if (first > 0 && second > first + 1 && third > second + 1 && third < host.length() - 1) {
                String label = host.substring(first + 1, second).toLowerCase(Locale.ROOT);
                HostedRoutes.PublicEndpoint endpoint = endpoints.get(label);
                if (endpoint != null) {
                    run(ctx, edge, endpoint, label, host.substring(0, first).toLowerCase(Locale.ROOT),
                            host.substring(second + 1, third).toLowerCase(Locale.ROOT), request.path());
                    return true;
                }
            }
        }
        String path = request.path();
        if (path == null || !path.startsWith(PATH_FORM)) {
            return false;
        }
        int labelEnd = path.indexOf('/', PATH_FORM.length());
        if (labelEnd < 0) {
            return false;
        }
        HostedRoutes.PublicEndpoint endpoint = endpoints.get(path.substring(PATH_FORM.length(), labelEnd));
        if (endpoint == null) {
            return false;
        }
        int idEnd = path.indexOf('/', labelEnd + 1);
        String id = path.substring(labelEnd + 1, idEnd < 0 ? path.length() : idEnd);
        if (id.isEmpty()) {
            return false;
        }
        run(ctx, edge, endpoint, path.substring(PATH_FORM.length(), labelEnd), id.toLowerCase(Locale.ROOT), null,
                idEnd < 0 ? "/" : path.substring(idEnd));
        return true;
    }

    private static void run(RoutingContext ctx, ServiceEdge edge, HostedRoutes.PublicEndpoint endpoint, String label,
            String id, String region, String path) {
        HostedRoutes service = endpoint.service();
        BoundedBody.read(ctx.request(), endpoint.maxRequestBytes(), body -> {
            EndpointRequest request = new EndpointRequest(ctx, label, id, region, path, edge, service, body);
            try {
                endpoint.handler().handle(request);
            } catch (EdgeException e) {
                ErrorWriter.send(ctx.response(), service.protocol(), e, request.requestId());
            } catch (RuntimeException e) {
                LOG.error("{} endpoint failed: {} {}", label, ctx.request().method(), ctx.request().path(), e);
                if (!ctx.response().headWritten()) {
                    ErrorWriter.send(ctx.response(), service.protocol(), ServiceEdge.internalFailure(e),
                            request.requestId());
                }
            }
        }, () -> {
            boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
            if (http1) {
                ctx.response().putHeader("Connection", "close");
                ctx.response().endHandler(done -> ctx.request().connection().close());
            }
            endpoint.handler().tooLarge(new EndpointRequest(ctx, label, id, region, path, edge, service,
                    io.vertx.core.buffer.Buffer.buffer(0)));
        });
    }
}
