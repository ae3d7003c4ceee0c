package dev.gust.sns;

import dev.gust.core.Account;
import dev.gust.edge.Caller;
import dev.gust.edge.EdgeException;
import dev.gust.edge.ErrorWriter;
import dev.gust.edge.FormParameters;
import dev.gust.edge.HostedService;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.Protocol;
import dev.gust.edge.QueryXml;
import dev.gust.edge.ServiceRoutes;
import dev.gust.policy.Policy;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Amazon SNS (API version 2010-03-31) on the edge, in the query protocol with XML responses: topics,
 * subscriptions, publishing and tags (see {@code docs/compat/sns.md}). IAM actions are {@code sns:ACTION} on the
 * topic's ARN. Besides its signed actions it serves, unsigned as AWS does, the {@code SubscribeURL} and
 * {@code UnsubscribeURL} of its messages ({@code GET /?Action=ConfirmSubscription|Unsubscribe&...}) and the
 * certificate that verifies their signatures ({@code /_gust/sns/SimpleNotificationService-HASH.pem}). Handlers run
 * on worker threads (they write to storage). Thread-safe.
 */
public final class SnsService implements HostedService {

    /** Where the signing certificate is served, on the edge's unsigned routes. */
    static final String CERTIFICATE_PATH = "/_gust/sns/";
    private static final long MAX_REQUEST_BYTES = 2 * 1024 * 1024;

    private final TopicActions topics;
    private final SubscriptionActions subscriptions;
    private final PublishActions publishing;
    private final TagActions tags;
    private final MessageSigner signer;
    private final SnsRegistry registry;
    /** Compiled topic policies by topic ARN, each replaced when its topic's document changes. */
    private final Map<String, Policy> policies = new ConcurrentHashMap<>();

    SnsService(SnsRegistry registry, Publisher publisher, MessageSigner signer) {
        this.registry = registry;
        this.topics = new TopicActions(registry);
        this.subscriptions = new SubscriptionActions(registry, topics, publisher);
        this.publishing = new PublishActions(topics, publisher);
        this.tags = new TagActions(registry);
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    @Override
    public String signingName() {
        return "sns";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public long maxRequestBytes() {
        return MAX_REQUEST_BYTES;
    }

    /**
     * The policy of the topic {@code resource} names, once its owner set one ({@code SetTopicAttributes Policy}),
     * compiled once per document: what the edge evaluates with the caller's identity policies, so that it can let
     * other accounts publish or subscribe, and deny. A topic with AWS's default policy has none here (its owner's
     * identities decide, as the default allows only the owner).
     */
    @Override
    public Optional<Policy> resourcePolicy(String resource) {
        return registry.topic(resource).map(topic -> topic.attributes().get("Policy")).map(document ->
                policies.compute(resource, (arn, cached) -> cached != null && cached.document().equals(document)
                        ? cached : Policy.resource(document)));
    }

    @Override
    public void register(ServiceRoutes routes) {
        Registry registry = (action, handler) -> routes.action(operation(action), SnsService::resource,
                ctx -> run(ctx, handler, true));
        topics.register(registry);
        subscriptions.register(registry);
        publishing.register(registry);
        tags.register(registry);
        routes.unsigned().route("/").handler(this::unsignedLink);
        routes.unsigned().get(CERTIFICATE_PATH + ":file").handler(this::certificate);
    }

    /** SNS's IAM action, {@code sns:NAME}: a read if it gets or lists, a data operation if it publishes. */
    static Operation operation(String action) {
        OperationKind kind = action.startsWith("Get") || action.startsWith("List") ? OperationKind.READ
                : action.startsWith("Publish") ? OperationKind.DATA : OperationKind.WRITE;
        return new Operation(action, "sns:" + action, kind);
    }

    /** The topic a request acts on: the ARN of the topic it names, or creates, or of its subscription. */
    private static String resource(RoutingContext ctx) {
        Map<String, String> p = FormParameters.of(ctx);
        for (String name : new String[] {"TopicArn", "TargetArn", "ResourceArn"}) {
            if (p.get(name) != null) {
                return p.get(name);
            }
        }
        if (p.get("SubscriptionArn") != null) {
            return TopicKey.parseSubscription(p.get("SubscriptionArn")).map(s -> s.topic().arn()).orElse("*");
        }
        if ("CreateTopic".equals(p.get("Action")) && p.get("Name") != null) {
            Account account = new Account(ServiceRoutes.caller(ctx).accountId(), ServiceRoutes.region(ctx));
            return new TopicKey(account, p.get("Name")).arn();
        }
        return "*";
    }

    /**
     * The unsigned links SNS puts in its messages: {@code ?Action=ConfirmSubscription&TopicArn=&Token=} and
     * {@code ?Action=Unsubscribe&SubscriptionArn=}. Anything else unsigned on {@code /} goes on to the edge's refusal.
     */
    private void unsignedLink(RoutingContext ctx) {
        String action = ctx.request().getParam("Action");
        if ("ConfirmSubscription".equals(action)) {
            run(ctx, request -> subscriptions.confirm(request, false), false);
        } else if ("Unsubscribe".equals(action)) {
            run(ctx, request -> {
                if (!subscriptions.unsubscribableByUrl(request.parameters().get("SubscriptionArn"))) {
                    throw SnsErrors.authorization("Unsubscribe requires an authenticated request for this "
                            + "subscription");
                }
                return subscriptions.unsubscribe(request);
            }, false);
        } else {
            ctx.next();
        }
    }

    private void certificate(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> {
            String file = signer.certificateFile();
            return !file.isEmpty() && file.equals(ctx.pathParam("file")) ? signer.certificatePem() : null;
        }, false).onComplete(done -> {
            if (done.succeeded() && done.result() != null) {
                ctx.response().putHeader("Content-Type", "application/x-x509-ca-cert").end(done.result());
            } else {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("Not Found");
            }
        });
    }

    private static void run(RoutingContext ctx, Handler handler, boolean signed) {
        String requestId = ServiceRoutes.requestId(ctx);
        Optional<Caller> caller = Optional.ofNullable(signed ? ServiceRoutes.caller(ctx) : null);
        Map<String, String> parameters = FormParameters.of(ctx);
        ctx.vertx().executeBlocking(() -> {
            Account account = caller.map(c -> new Account(c.accountId(), ServiceRoutes.region(ctx)))
                    .orElseGet(Account::defaults);
            return handler.handle(new SnsRequest(caller.orElse(null), account, new SnsParameters(parameters),
                    requestId));
        }, false).onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().putHeader("Content-Type", QueryXml.CONTENT_TYPE).setStatusCode(200).end(done.result());
            } else if (done.cause() instanceof EdgeException e) {
                ErrorWriter.send(ctx.response(), Protocol.QUERY, e, requestId);
            } else {
                ctx.fail(done.cause());
            }
        });
    }

    /** One action's handler: the whole XML response. */
    @FunctionalInterface
    interface Handler {
        String handle(SnsRequest request);
    }

    /** What the action classes register their handlers with. */
    @FunctionalInterface
    interface Registry {
        void add(String action, Handler handler);
    }
}
