package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Response streaming's time to first byte: a warm Node.js function that writes its first chunk at once and then three
 * more, 20 ms apart ({@code awslambda.streamifyResponse}), invoked one request at a time with
 * {@code InvokeWithResponseStream} (time to the first {@code PayloadChunk}, and to the end) and, in the same run,
 * with a plain {@code Invoke}, which answers only once the function is done.
 */
final class StreamingScenario implements Scenario {

    /** The streaming function: the first chunk at once, the rest over 60 ms. */
    static final String FUNCTION = """
            export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
              responseStream.write('first chunk\\n');
              for (let i = 0; i < 3; i++) {
                await new Promise((resolve) => setTimeout(resolve, 20));
                responseStream.write('more\\n');
              }
              responseStream.end();
            });
            """;

    @Override
    public String name() {
        return "streaming";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try (GustProcess gust = GustProcess.start(context, "streaming", Map.of(), List.of())) {
            String name = "stream-ttfb";
            gust.lambda().createFunction(name, "nodejs20.x", "index.handler",
                    NoopFunctions.zip(Map.of("index.mjs", FUNCTION.getBytes(StandardCharsets.UTF_8))), 128);
            gust.lambda().awaitReady(name);
            List<Double> firstByte = new ArrayList<>();
            List<Double> whole = new ArrayList<>();
            for (int i = 0; i < context.repeats(); i++) {
                RequestTemplate request = RequestTemplate.invokeWithResponseStream(GustProcess.signer(), gust.port(),
                        name, "{}".getBytes(StandardCharsets.UTF_8));
                stream(request, context.warmup().toNanos(), null, null);
                stream(request, context.duration().toNanos(), firstByte, whole);
            }
            result.put("function", "nodejs20.x, first chunk at once, then 3 more 20 ms apart");
            result.set("stream_first_byte", Stats.summary(firstByte));
            result.set("stream_complete", Stats.summary(whole));
            result.set("invoke", Curves.point(context, () -> gust.invokeRequest(name, "{}", Map.of()), 1));
        }
        return result;
    }

    /**
     * Streams one request after another on one keep-alive connection for {@code nanos}, adding each one's time to
     * the first body bytes and to the end (milliseconds) to the lists, unless they are {@code null} (warm-up).
     */
    private static void stream(RequestTemplate request, long nanos, List<Double> firstByte, List<Double> whole)
            throws IOException {
        try (HttpConnection connection = new HttpConnection(request.host(), request.port())) {
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                HttpConnection.Reply reply = connection.exchange(request.bytes());
                long done = System.nanoTime();
                if (reply.status() != 200) {
                    throw new IOException("InvokeWithResponseStream answered " + reply.status());
                }
                if (firstByte != null) {
                    firstByte.add((reply.firstBodyNanos() - start) / 1e6);
                    whole.add((done - start) / 1e6);
                }
            }
        }
    }
}
