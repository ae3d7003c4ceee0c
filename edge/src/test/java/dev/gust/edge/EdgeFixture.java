package dev.gust.edge;

import dev.gust.edge.CredentialsResolver.ResolvedCredentials;
import dev.gust.edge.auth.Credentials;
import dev.gust.edge.auth.KeyPairResolver;
import dev.gust.policy.Policy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A real Vert.x server whose request handler is a {@link ServiceEdge} with three small services (one per
 * protocol family) and three identities, and clients that sign with the AWS SDK's own signer. For the edge's tests.
 */
final class EdgeFixture implements AutoCloseable {

    static final Credentials ROOT = new Credentials("AKIDEDGEROOT00000001", "edge-root-secret-0123456789");
    static final Credentials DATA_ONLY = new Credentials("ASIAEDGEDATA00000001", "edge-data-secret-0123456789");
    static final Credentials EXPIRED = new Credentials("ASIAEDGEEXPIRED00001", "edge-expired-secret-012345");
    static final Credentials USER = new Credentials("AKIDEDGEUSER00000001", "edge-user-secret-0123456789");
    static final Credentials STRANGER = new Credentials("AKIDEDGESTRANGER0001", "edge-stranger-secret-012345");
    static final String ACCOUNT = "000000000000";
    static final String OTHER_ACCOUNT = "111111111111";
    static final String USER_ARN = "arn:aws:iam::000000000000:user/carla";
    static final String STRANGER_ARN = "arn:aws:iam::111111111111:user/stranger";
    /** Allows everything: the role behind {@link #DATA_ONLY}, whose grant alone then bounds it, and the stranger. */
    static final Policy ALLOW_ALL = Policy.identity("""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""");
    /**
     * Carla may invoke things from loopback addresses and list them, except over plain HTTP, and may do anything to
     * her own things, but never delete.
     */
    static final Policy CARLA = Policy.identity("""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "InvokeFromLoopback", "Effect": "Allow", "Action": "things:invoke*",
               "Resource": "arn:aws:things:*:000000000000:thing/*",
               "Condition": {"IpAddress": {"aws:SourceIp": ["127.0.0.0/8", "::1"]}}},
              {"Sid": "List", "Effect": "Allow", "Action": "things:ListThings", "Resource": "*"},
              {"Sid": "NeverInTheClear", "Effect": "Deny", "Action": "things:ListThings", "Resource": "*",
               "Condition": {"Bool": {"aws:SecureTransport": "false"}, "StringEquals": {"things:Mode": "strict"}}},
              {"Sid": "Own", "Effect": "Allow", "Action": "things:*",
               "Resource": "arn:aws:things:us-east-1:000000000000:thing/${aws:username}-*"},
              {"Sid": "NoDelete", "Effect": "Deny", "Action": "querythings:DeleteThing", "Resource": "*"}]}""");
    /** The resource policies of things: {@code shared} lets carla and the other account create it, {@code locked} denies all. */
    static final Map<String, Policy> THING_POLICIES = Map.of(
            "arn:aws:things:us-east-1:000000000000:thing/shared", Policy.resource("""
                    {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
                     "Principal": {"AWS": ["arn:aws:iam::000000000000:user/carla", "111111111111"]},
                     "Action": "things:CreateThing", "Resource": "arn:aws:things:us-east-1:000000000000:thing/shared"}}"""),
            "arn:aws:things:us-east-1:000000000000:thing/locked", Policy.resource("""
                    {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*",
                     "Action": "things:*", "Resource": "*"}}"""));
    static final int MAX_BYTES = 1_000;

    final Vertx vertx = Vertx.vertx();
    final ServiceEdge edge;
    final HttpServer server;
    final HttpClient http = HttpClient.newHttpClient();
    /** The connection watcher, when the fixture has an idle timeout. */
    IdleConnections idle;

    EdgeFixture() {
        this(null);
    }

    /** @param idleTimeout how long connections may idle, or {@code null} to leave them open */
    EdgeFixture(Duration idleTimeout) {
        this(idleTimeout, IdleConnections.DEFAULT_MAX_PER_CLIENT);
    }

    /**
     * @param idleTimeout how long connections may idle, or {@code null} to leave them open
     * @param maxPerClient how many connections one client may hold (with an idle timeout only)
     */
    EdgeFixture(Duration idleTimeout, int maxPerClient) {
        CredentialsResolver expired = (key, token) -> {
            if (key.equals(EXPIRED.accessKeyId())) {
                throw EdgeException.auth(AuthFailure.EXPIRED_TOKEN, "The security token included in the request is expired");
            }
            return Optional.empty();
        };
        CredentialsResolver dataOnly = (key, token) -> key.equals(DATA_ONLY.accessKeyId()) && "session-token".equals(token)
                ? Optional.of(new ResolvedCredentials(DATA_ONLY.secretAccessKey(), new Caller(ACCOUNT,
                        "arn:aws:sts::000000000000:assumed-role/lambda-role/hello", "AROAEXAMPLE:hello", key,
                        OperationKind.DATA, null)))
                : Optional.empty();
        edge = new ServiceEdge(vertx, Clock.systemUTC(),
                List.of(new RestThings(), new QueryThings(), new JsonThings(), new TwoProtocolThings()),
                List.of(new KeyPairResolver(ROOT, new Caller(ACCOUNT, "arn:aws:iam::000000000000:root", ACCOUNT,
                        ROOT.accessKeyId(), OperationKind.WRITE, null)), dataOnly, expired,
                        new KeyPairResolver(USER, new Caller(ACCOUNT, USER_ARN, "AIDAEDGEUSER", USER.accessKeyId(),
                                OperationKind.WRITE, null)),
                        new KeyPairResolver(STRANGER, new Caller(OTHER_ACCOUNT, STRANGER_ARN, "AIDAEDGESTRANGER",
                                STRANGER.accessKeyId(), OperationKind.WRITE, null))),
                caller -> switch (caller.principalArn()) {
                    case USER_ARN -> List.of(CARLA);
                    case STRANGER_ARN, "arn:aws:iam::000000000000:role/lambda-role" -> List.of(ALLOW_ALL);
                    default -> List.of();
                });
        edge.unsigned().get("/_gust/health").handler(ctx -> ctx.response().end("ok"));
        var httpServer = vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setHttp2ClearTextEnabled(false));
        if (idleTimeout != null) {
            idle = new IdleConnections(vertx, idleTimeout, maxPerClient).start();
            httpServer.connectionHandler(idle).requestHandler(idle.tracking(edge));
        } else {
            httpServer.requestHandler(edge);
        }
        server = httpServer.listen(0, "127.0.0.1").await();
    }

    int port() {
        return server.actualPort();
    }

    /** Signs a request for {@code service} with {@code credentials} (and {@code sessionToken}) and sends it. */
    HttpResponse<String> send(String service, Credentials credentials, String sessionToken, String method,
            String pathAndQuery, Map<String, String> headers, String body) throws Exception {
        return send(service, "us-east-1", credentials, sessionToken, method, pathAndQuery, headers, body);
    }

    /** Signs a request for {@code service} in {@code region} with {@code credentials} and sends it. */
    HttpResponse<String> send(String service, String region, Credentials credentials, String sessionToken,
            String method, String pathAndQuery, Map<String, String> headers, String body) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port() + pathAndQuery);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(uri);
        headers.forEach(request::putHeader);
        if (bytes.length > 0) {
            request.contentStreamProvider(() -> new ByteArrayInputStream(bytes));
        }
        AwsCredentialsIdentity identity = sessionToken == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity.create(credentials.accessKeyId(),
                        credentials.secretAccessKey(), sessionToken);
        var signed = AwsV4HttpSigner.create().sign(b -> b.identity(identity).request(request.build())
                .payload(bytes.length == 0 ? null : () -> new ByteArrayInputStream(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(method,
                bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String service, String method, String pathAndQuery, Map<String, String> headers,
            String body) throws Exception {
        return send(service, ROOT, null, method, pathAndQuery, headers, body);
    }

    /** Writes {@code head} (request line and headers, CRLF-separated, ending with an empty line) on a raw socket. */
    static Socket raw(int port, String head) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    /** The response head (status line and headers) read from {@code socket}. */
    static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Override
    public void close() {
        vertx.close().await();
    }

    /** A rest-json service, signing name {@code things}: echoes the caller and the body it received. */
    static final class RestThings implements HostedService {
        @Override
        public String signingName() {
            return "things";
        }

        @Override
        public Protocol protocol() {
            return Protocol.REST_JSON;
        }

        @Override
        public long maxRequestBytes() {
            return MAX_BYTES;
        }

        @Override
        public Optional<Policy> resourcePolicy(String resource) {
            return Optional.ofNullable(THING_POLICIES.get(resource));
        }

        @Override
        public void register(ServiceRoutes routes) {
            ServiceRoutes.OperationHandler echo = ctx -> ctx.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("caller", ServiceRoutes.caller(ctx).arn())
                            .put("region", ServiceRoutes.region(ctx))
                            .put("body", ctx.body().buffer().toString()).encode());
            routes.rest(new Operation("CreateThing", "things:CreateThing", OperationKind.WRITE), HttpMethod.POST,
                    "/2020-01-01/things/:Name", ctx -> "arn:aws:things:us-east-1:000000000000:thing/" + ctx.pathParam("Name"),
                    echo);
            routes.rest(new Operation("InvokeThing", "things:InvokeThing", OperationKind.DATA), HttpMethod.POST,
                    "/2020-01-01/things/:Name/invocations",
                    ctx -> "arn:aws:things:us-east-1:000000000000:thing/" + ctx.pathParam("Name"), echo);
            Operation list = new Operation("ListThings", "things:ListThings", OperationKind.READ);
            routes.rest(list, HttpMethod.GET, "/2020-01-01/things", null, echo);
            routes.conditionKeys(list, (ctx, keys) -> keys.key("things:Mode", ctx.request().getParam("Mode")));
            routes.unsigned().get("/_things/public").handler(ctx -> ctx.response().end("public"));
            routes.endpoint(ENDPOINT_LABEL, MAX_BYTES, new EchoEndpoint());
        }
    }

    /** The label of {@link RestThings}' public endpoint. */
    static final String ENDPOINT_LABEL = "thing-url";

    /**
     * The public endpoint of {@link RestThings}: answers what the edge told it about the request; with
     * {@code X-Authorize: yes} it first authenticates the request (signing name {@code things}) and authorizes
     * {@code things:InvokeThing} on the thing its id names, with the condition key {@code things:Mode} = {@code url}.
     */
    static final class EchoEndpoint implements EndpointHandler {
        static final Operation INVOKE = new Operation("InvokeThing", "things:InvokeThing", OperationKind.DATA);

        @Override
        public void handle(EndpointRequest request) {
            JsonObject echo = new JsonObject().put("label", request.label()).put("id", request.id())
                    .put("region", request.region().orElse(null)).put("pathForm", request.pathForm())
                    .put("path", request.path()).put("rawQuery", request.rawQuery())
                    .put("body", request.body().toString()).put("requestId", request.requestId())
                    .put("signed", request.signed()).put("sourceIp", request.sourceIp());
            if ("yes".equals(request.request().getHeader("X-Authorize"))) {
                Caller caller = request.authenticate("things");
                request.authorize(caller, INVOKE, "arn:aws:things:us-east-1:000000000000:thing/" + request.id(),
                        (ctx, keys) -> keys.key("things:Mode", "url"));
                echo.put("caller", caller.arn());
            }
            request.context().response().putHeader("Content-Type", "application/json").end(echo.encode());
        }

        @Override
        public void tooLarge(EndpointRequest request) {
            request.context().response().setStatusCode(413).end("too large for " + request.id());
        }
    }

    /** A query service, signing name {@code querythings}: answers the parameters it was given. */
    static final class QueryThings implements HostedService {
        @Override
        public String signingName() {
            return "querythings";
        }

        @Override
        public Protocol protocol() {
            return Protocol.QUERY;
        }

        @Override
        public long maxRequestBytes() {
            return MAX_BYTES;
        }

        @Override
        public void register(ServiceRoutes routes) {
            routes.action(new Operation("GetThing", "querythings:GetThing", OperationKind.IDENTITY), null,
                    ctx -> ctx.response().end("<GetThingResponse>" + FormParameters.of(ctx) + "</GetThingResponse>"));
            routes.action(new Operation("DeleteThing", "querythings:DeleteThing", OperationKind.WRITE), null,
                    ctx -> ctx.response().end("<DeleteThingResponse/>"));
        }
    }

    /** A JSON 1.0 service, signing name {@code jsonthings}. */
    static final class JsonThings implements HostedService {
        @Override
        public String signingName() {
            return "jsonthings";
        }

        @Override
        public Protocol protocol() {
            return Protocol.JSON_1_0;
        }

        @Override
        public long maxRequestBytes() {
            return MAX_BYTES;
        }

        @Override
        public void register(ServiceRoutes routes) {
            routes.action(new Operation("PutThing", "jsonthings:PutThing", OperationKind.DATA), null,
                    ctx -> ctx.response().end(ctx.body().buffer()));
        }
    }

    /**
     * A service of two protocols, as SQS is (signing name {@code twothings}): JSON 1.0 when a request has an
     * {@code X-Amz-Target}, else query; its actions are also posted to {@code /:account/:thing}.
     */
    static final class TwoProtocolThings implements HostedService {
        @Override
        public String signingName() {
            return "twothings";
        }

        @Override
        public Protocol protocol() {
            return Protocol.QUERY;
        }

        @Override
        public Protocol protocol(io.vertx.core.http.HttpServerRequest request) {
            return request.getHeader("X-Amz-Target") != null ? Protocol.JSON_1_0 : Protocol.QUERY;
        }

        @Override
        public List<String> actionPaths() {
            return List.of("/", "/:account/:thing");
        }

        @Override
        public long maxRequestBytes() {
            return MAX_BYTES;
        }

        @Override
        public void register(ServiceRoutes routes) {
            routes.action(new Operation("GetThing", "twothings:GetThing", OperationKind.READ), null,
                    ctx -> ctx.response().end("GetThing at " + ctx.request().path()));
        }
    }
}
