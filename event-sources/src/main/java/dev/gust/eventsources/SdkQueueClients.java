package dev.gust.eventsources;

import dev.gust.core.credentials.RoleSessions;
import dev.gust.core.esm.EventSourceMapping;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/**
 * The {@link QueueClients} of a server: an {@link SqsAsyncClient} per mapping (the SDK's JSON protocol) that shares
 * one Netty HTTP client, one completion executor and one timer with every other mapping's. A queue configured in
 * {@link SqsEndpoints} is polled there with the configured credentials; any other at Gust's own edge with a session of
 * the function's execution role ({@link RoleCredentials}), so that IAM is evaluated at the edge as on AWS. Closing a
 * mapping's client leaves the shared parts; {@link #close} releases them. Thread-safe.
 */
public final class SdkQueueClients implements QueueClients, AutoCloseable {

    /** Long polls wait 20 s; a call may take a little longer before it is given up and retried. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<String> edge;
    private final SqsEndpoints endpoints;
    private final FunctionRoles roles;
    private final RoleSessions sessions;
    private final InstantSource clock;
    private final SdkAsyncHttpClient http;
    private final ExecutorService completions;
    private final ScheduledExecutorService timer;
    private volatile Endpoint edgeEndpoint;

    /**
     * @param edge Gust's edge URL, such as {@code http://127.0.0.1:9070}; asked when a mapping first calls SQS (it may
     *     wait until the server listens)
     * @param endpoints the queues that live elsewhere
     * @param roles each function's execution role
     * @param sessions opens the roles' sessions
     */
    public SdkQueueClients(Supplier<String> edge, SqsEndpoints endpoints, FunctionRoles roles, RoleSessions sessions,
            InstantSource clock) {
        this.edge = edge;
        this.endpoints = endpoints;
        this.roles = roles;
        this.sessions = sessions;
        this.clock = clock;
        this.http = NettyNioAsyncHttpClient.builder().maxConcurrency(10_000).maxPendingConnectionAcquires(100_000)
                .readTimeout(CALL_TIMEOUT).connectionAcquisitionTimeout(Duration.ofSeconds(10)).build();
        this.completions = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("esm-sqs-", 0).factory());
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("esm-sqs-timer")
                .daemon(true).factory());
    }

    @Override
    public SqsAsyncClient open(EventSourceMapping mapping) {
        QueueArn queue = QueueArn.parse(mapping.eventSourceArn());
        SqsAsyncClientBuilder builder = SqsAsyncClient.builder().httpClient(http).region(Region.of(queue.region()))
                .asyncConfiguration(b -> b.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                        completions))
                .overrideConfiguration(o -> o.scheduledExecutorService(timer).apiCallAttemptTimeout(CALL_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD));
        Optional<SqsEndpoints.Endpoint> elsewhere = endpoints.find(queue.arn());
        if (elsewhere.isPresent()) {
            return builder.endpointOverride(elsewhere.get().url())
                    .credentialsProvider(credentialsOf(elsewhere.get())).build();
        }
        MappedFunction function = MappedFunction.parse(mapping.functionArn());
        return builder.endpointProvider(params -> CompletableFuture.completedFuture(edgeEndpoint()))
                .credentialsProvider(new RoleCredentials(mapping.account(), function.name(), roles, sessions, clock))
                .build();
    }

    @Override
    public String queueUrl(EventSourceMapping mapping) {
        QueueArn queue = QueueArn.parse(mapping.eventSourceArn());
        String base = endpoints.find(queue.arn()).map(e -> e.url().toString()).orElseGet(() -> edgeEndpoint().url()
                .toString());
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + queue.accountId() + "/"
                + queue.queueName();
    }

    /** Gust's edge, known once the server listens (the first call may wait for that). */
    private Endpoint edgeEndpoint() {
        Endpoint known = edgeEndpoint;
        if (known == null) {
            known = Endpoint.builder().url(URI.create(edge.get())).build();
            edgeEndpoint = known;
        }
        return known;
    }

    private static AwsCredentialsProvider credentialsOf(SqsEndpoints.Endpoint endpoint) {
        return endpoint.profile() == null ? DefaultCredentialsProvider.builder().build()
                : ProfileCredentialsProvider.create(endpoint.profile());
    }

    @Override
    public void close() {
        http.close();
        timer.shutdownNow();
        completions.shutdown();
    }
}
