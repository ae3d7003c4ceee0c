package dev.gust.sns;

import dev.gust.core.Account;
import dev.gust.core.invoke.EventInvoker;
import dev.gust.core.invoke.InvokePermissions;
import dev.gust.core.messaging.QueueMessages;
import dev.gust.core.messaging.TopicPublisher;
import dev.gust.edge.HostedService;
import dev.gust.store.SnsStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Amazon SNS in Gust: its topics and subscriptions (in memory, written through to the {@link SnsStore}), the
 * service on the edge, the {@link TopicPublisher} seam for the other services, and the delivery loop that empties
 * the outbox into functions (asynchronous invokes), queues ({@link QueueMessages}) and HTTP endpoints.
 *
 * <p>Lifecycle: {@link #open}, then {@link #start} once the server listens (deliveries use its URL), then
 * {@link #close}. Thread-safe.
 */
public final class Sns implements AutoCloseable {

    /** The deliveries attempted at once. */
    private static final int MAX_IN_FLIGHT = 64;

    private final SnsService service;
    private final Publisher publisher;
    private final DeliveryLoop deliveries;

    private Sns(SnsService service, Publisher publisher, DeliveryLoop deliveries) {
        this.service = service;
        this.publisher = publisher;
        this.deliveries = deliveries;
    }

    /**
     * Loads every topic and subscription.
     *
     * @param store where SNS keeps its state and its outbox
     * @param dataDir where the signing key is kept ({@code keys/sns-signing.p12})
     * @param invoker asynchronous invokes, for {@code lambda} subscriptions
     * @param permissions each namespace's function policies, asked before a function is invoked
     * @param queues sends to SQS, for {@code sqs} subscriptions and dead-letter queues
     * @param endpoint the edge's base URL, for the links in messages; asked only once deliveries start
     * @param workers where the {@link TopicPublisher} seam runs its blocking work
     */
    public static Sns open(SnsStore store, Path dataDir, EventInvoker invoker,
            Function<Account, InvokePermissions> permissions, QueueMessages queues, Supplier<String> endpoint,
            InstantSource clock, Executor workers) {
        Objects.requireNonNull(store, "store");
        SnsRegistry registry = SnsRegistry.load(store);
        MessageSigner signer = MessageSigner.open(dataDir);
        Envelopes envelopes = new Envelopes(signer, endpoint, topicArn -> registry.topic(topicArn)
                .map(topic -> topic.attributes().getOrDefault("SignatureVersion", "1")).orElse("1"));
        HttpDeliverer http = new HttpDeliverer(envelopes);
        Map<String, Deliverer> deliverers = Map.of("lambda", new LambdaDeliverer(invoker, permissions, envelopes),
                "sqs", new QueueDeliverer(queues, envelopes), "http", http, "https", http);
        DeliveryLoop[] loop = new DeliveryLoop[1];
        Publisher publisher = new Publisher(registry, store, clock, () -> loop[0].wake(), workers);
        loop[0] = new DeliveryLoop(store, registry, deliverers, queues, envelopes, clock, MAX_IN_FLIGHT);
        return new Sns(new SnsService(registry, publisher, signer), publisher, loop[0]);
    }

    /** The service to host on the edge. */
    public HostedService service() {
        return service;
    }

    /** Publishes on other services' behalf (Lambda's destinations). */
    public TopicPublisher publisher() {
        return publisher;
    }

    /** Starts delivering the outbox, what a previous run left first. */
    public void start() {
        deliveries.start();
    }

    @Override
    public void close() {
        deliveries.close();
    }
}
