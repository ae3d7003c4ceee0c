package dev.gust.sqs;

import dev.gust.core.Account;
import dev.gust.core.messaging.QueueDirectory;
import dev.gust.core.messaging.QueueMessages;
import dev.gust.edge.EdgeException;
import dev.gust.edge.ErrorWriter;
import dev.gust.edge.HostedService;
import dev.gust.edge.Operation;
import dev.gust.edge.Protocol;
import dev.gust.edge.ServiceRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon SQS as a hosted service (signing name {@code sqs}), in both of its protocols: the query protocol
 * ({@code Action=...}, XML; posted to {@code /} or to a queue's URL path {@code /ACCOUNT/NAME}) and JSON 1.0
 * ({@code X-Amz-Target: AmazonSQS.X}). The edge authenticates and authorizes each request (action {@code sqs:X} on
 * the queue's ARN); this service then forwards it to the ElasticMQ of the queue's namespace ({@link SqsNamespaces},
 * started on first use) and answers what ElasticMQ answers. A queue lives in the account its URL names (else the
 * caller's) and the request's region. Also the {@link QueueMessages} and {@link QueueDirectory} seams for Gust's
 * other services ({@link #queueMessages()}). Thread-safe; {@link #close} once, at shutdown.
 */
public final class SqsService implements HostedService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsService.class);
    /** ElasticMQ answers its own placeholder request id; Gust's replaces it. */
    private static final String ELASTICMQ_REQUEST_ID = "00000000-0000-0000-0000-000000000000";

    private final SqsNamespaces namespaces;
    private final SqsProxy proxy;
    /** Set when the server shuts down: requests then fail because their connections close, which is expected. */
    private volatile boolean closing;
    private final SqsQueueMessages queueMessages;

    /** @param sqsDir the data dir's {@code sqs} folder */
    public SqsService(Vertx vertx, Path sqsDir) {
        this.namespaces = new SqsNamespaces(sqsDir);
        this.proxy = new SqsProxy(vertx);
        this.queueMessages = new SqsQueueMessages(namespaces, proxy);
    }

    /** Starts, in the background, the namespaces that have stored queues (their pollers expect them). */
    public void startStored() {
        namespaces.startStored();
    }

    /** How Gust's other services send to queues and ask whether one exists. */
    public SqsQueueMessages queueMessages() {
        return queueMessages;
    }

    @Override
    public String signingName() {
        return "sqs";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public Protocol protocol(HttpServerRequest request) {
        return request.getHeader("X-Amz-Target") != null ? Protocol.JSON_1_0 : Protocol.QUERY;
    }

    @Override
    public List<String> actionPaths() {
        return List.of("/", "/:account/:queue");
    }

    @Override
    public long maxRequestBytes() {
        // a batch of ten messages of 256 KiB, form-encoded
        return 8L * 1024 * 1024;
    }

    @Override
    public void register(ServiceRoutes routes) {
        for (Operation operation : SqsOperations.ALL) {
            routes.action(operation, this::resource, this::forward);
        }
    }

    /** The ARN of the queue a request acts on, or {@code *} (ListQueues, a request that names no queue). */
    private String resource(RoutingContext ctx) {
        return queue(ctx).map(QueueAddress::arn).orElse("*");
    }

    /** The queue a request names, by URL, path, ARN or name. */
    private static Optional<QueueAddress> queue(RoutingContext ctx) {
        SqsRequest request = SqsRequest.of(ctx);
        String region = ServiceRoutes.region(ctx);
        Optional<QueueAddress> named = QueueAddress.fromUrl(request.parameter("QueueUrl"), region);
        if (named.isEmpty()) {
            named = QueueAddress.fromUrl(ctx.request().path(), region);
        }
        if (named.isEmpty()) {
            named = QueueAddress.fromArn(request.parameter("SourceArn"));
        }
        String name = request.parameter("QueueName");
        if (named.isEmpty() && name != null && !name.isEmpty()) {
            String owner = request.parameter("QueueOwnerAWSAccountId");
            try {
                Account account = new Account(owner != null ? owner : ServiceRoutes.caller(ctx).accountId(), region);
                named = Optional.of(new QueueAddress(account, name));
            } catch (IllegalArgumentException e) {
                named = Optional.empty();
            }
        }
        return named;
    }

    /** The namespace a request acts in: its queue's, else the caller's account in the request's region. */
    private static Account namespace(RoutingContext ctx) {
        return queue(ctx).map(QueueAddress::account)
                .orElseGet(() -> new Account(ServiceRoutes.caller(ctx).accountId(), ServiceRoutes.region(ctx)));
    }

    private void forward(RoutingContext ctx) {
        SqsRequest request = SqsRequest.of(ctx);
        String action = request.action();
        var invalid = SqsValidation.check(request);
        if (invalid.isPresent()) {
            SqsErrors.send(ctx.response(), request.json(), invalid.get(), ServiceRoutes.requestId(ctx));
            return;
        }
        Account account = namespace(ctx);
        long sentAt = System.currentTimeMillis();
        Buffer body = ctx.body().buffer();
        Future.fromCompletionStage(namespaces.engine(account), ctx.vertx().getOrCreateContext())
                .compose(engine -> proxy.forward(engine.port(), ctx.request().uri(), ctx.request().headers(),
                                ctx.request().getHeader("Host"), body == null ? Buffer.buffer() : body)
                        .compose(answer -> durable(engine, action, ctx, answer, sentAt).map(answer))
                        .map(answer -> answer.status() == 200 ? withSenders(engine.senders(), ctx, action, answer)
                                : answer))
                .onSuccess(answer -> answer(ctx, answer))
                .onFailure(failure -> {
                    if (closing) {
                        LOG.debug("SQS {} in {} ended by the shutdown", action, account, failure);
                    } else {
                        LOG.error("SQS {} failed in {}", action, account, failure);
                    }
                    ErrorWriter.send(ctx.response(), protocol(ctx.request()), EdgeException.of("InternalFailure", 500,
                            "An internal error occurred. The server's log has the details."),
                            ServiceRoutes.requestId(ctx));
                });
    }

    /** Waits, after a successful change of a queue, until the change is durable; PurgeQueue forgets the messages. */
    private Future<Void> durable(QueueEngine engine, String action, RoutingContext ctx, SqsProxy.Answer answer,
            long sentAt) {
        if (answer.status() != 200) {
            return Future.succeededFuture();
        }
        if ("PurgeQueue".equals(action)) {
            Optional<QueueAddress> queue = queue(ctx);
            if (queue.isPresent()) {
                return Future.fromCompletionStage(engine.purged(queue.get().name(), sentAt));
            }
        }
        if (SqsOperations.changesQueue(action)) {
            return Future.fromCompletionStage(engine.flush());
        }
        return Future.succeededFuture();
    }

    /**
     * Keeps the sender of sent messages, forgets that of deleted ones, and puts it into received messages'
     * {@code SenderId} (ElasticMQ answers a constant there).
     */
    private static SqsProxy.Answer withSenders(MessageSenders senders, RoutingContext ctx, String action,
            SqsProxy.Answer answer) {
        SqsRequest request = SqsRequest.of(ctx);
        switch (action) {
            case "SendMessage", "SendMessageBatch" -> senders.sent(answer.body(), request.json(),
                    ServiceRoutes.caller(ctx).userId());
            case "DeleteMessage" -> senders.deleted(request.parameter("ReceiptHandle"));
            case "DeleteMessageBatch" -> request.entries("DeleteMessageBatchRequestEntry")
                    .forEach(entry -> senders.deleted(entry.get("ReceiptHandle")));
            case "ReceiveMessage" -> {
                return new SqsProxy.Answer(answer.status(), answer.headers(),
                        senders.received(answer.body(), request.json()));
            }
            default -> {
                // nothing to keep
            }
        }
        return answer;
    }

    private static void answer(RoutingContext ctx, SqsProxy.Answer answer) {
        if (answer.status() >= 400) {
            var error = SqsErrors.ofElasticMq(answer.status(), answer.body());
            if (error.isPresent()) {
                SqsErrors.send(ctx.response(), SqsRequest.isJson(ctx), error.get(), ServiceRoutes.requestId(ctx));
                return;
            }
        }
        var response = ctx.response().setStatusCode(answer.status());
        response.headers().addAll(answer.headers());
        Buffer body = answer.body();
        String text = body.toString(StandardCharsets.UTF_8);
        if (text.contains(ELASTICMQ_REQUEST_ID)) {
            body = Buffer.buffer(text.replace(ELASTICMQ_REQUEST_ID, ServiceRoutes.requestId(ctx)));
        }
        response.end(body);
    }

    @Override
    public void close() {
        closing = true; // the long polls still waiting end with their connections: not an error
        proxy.close(); // first: its pooled connections would otherwise be reset by the stopping servers
        namespaces.close();
    }
}
