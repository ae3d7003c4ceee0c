package dev.gust.server;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;

/**
 * What the AWS SDK for Java v2's async client (the SDK's decoder of {@code InvokeWithResponseStream}'s event stream)
 * received from one {@code InvokeWithResponseStream}: the response, each {@code PayloadChunk} with when it arrived,
 * and the {@code InvokeComplete} event. Collecting keeps at most {@code keepBytes} of the payload, so a test can
 * stream hundreds of megabytes.
 */
record StreamedInvocation(InvokeWithResponseStreamResponse response, List<Chunk> chunks, long totalBytes,
        byte[] kept, InvokeWithResponseStreamCompleteEvent complete, long completeNanos) {

    /** One {@code PayloadChunk}: its size and when it arrived ({@link System#nanoTime()}). */
    record Chunk(int size, long nanos) {
    }

    /** The payload kept, as text. */
    String text() {
        return new String(kept, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An async client of the server's own keys, on the Netty client. */
    static LambdaAsyncClient client(URI endpoint) {
        return LambdaAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        GustProcess.ACCESS_KEY, GustProcess.SECRET_KEY)))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    /** Invokes {@code function} with {@code payload} and collects the whole stream (up to a minute). */
    static StreamedInvocation invoke(LambdaAsyncClient lambda, String function, String payload, int keepBytes,
            Consumer<InvokeWithResponseStreamRequest.Builder> customize) throws Exception {
        CompletableFuture<InvokeWithResponseStreamResponse> response = new CompletableFuture<>();
        List<Chunk> chunks = new ArrayList<>();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long[] total = {0};
        InvokeWithResponseStreamCompleteEvent[] complete = {null};
        long[] completeNanos = {0};
        InvokeWithResponseStreamResponseHandler handler = InvokeWithResponseStreamResponseHandler.builder()
                .onResponse(response::complete)
                .subscriber(InvokeWithResponseStreamResponseHandler.Visitor.builder()
                        .onPayloadChunk(chunk -> {
                            byte[] bytes = chunk.payload().asByteArray();
                            synchronized (chunks) {
                                chunks.add(new Chunk(bytes.length, System.nanoTime()));
                                total[0] += bytes.length;
                                kept.write(bytes, 0, Math.max(0, Math.min(bytes.length, keepBytes - kept.size())));
                            }
                        })
                        .onInvokeComplete(event -> {
                            synchronized (chunks) {
                                complete[0] = event;
                                completeNanos[0] = System.nanoTime();
                            }
                        })
                        .onDefault(StreamedInvocation::unexpected)
                        .build())
                .build();
        lambda.invokeWithResponseStream(b -> {
            b.functionName(function).payload(SdkBytes.fromUtf8String(payload));
            customize.accept(b);
        }, handler).get(60, TimeUnit.SECONDS);
        synchronized (chunks) {
            return new StreamedInvocation(response.getNow(null), List.copyOf(chunks), total[0], kept.toByteArray(),
                    complete[0], completeNanos[0]);
        }
    }

    private static void unexpected(InvokeWithResponseStreamResponseEvent event) {
        throw new AssertionError("an event of no known type: " + event);
    }
}
