package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ResponseStreamingInvocationType;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * {@code InvokeWithResponseStream} end to end: Node.js functions that stream ({@code awslambda.streamifyResponse}) in
 * real sandboxes, the real SDK's async client decoding the event stream.
 */
class ResponseStreamingIT {

    private static final String SLOW_WRITER = """
            export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
              responseStream.setContentType('text/plain');
              responseStream.write('first ');
              await new Promise((resolve) => setTimeout(resolve, 1000));
              responseStream.write('second');
              responseStream.end();
            });
            """;

    @TempDir
    static Path dataDir;
    static TestServer server;
    static LambdaAsyncClient async;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of());
        async = StreamedInvocation.client(server.gust().endpoint());
        server.functions().create("slow-writer", "nodejs20.x", "index.handler", Map.of("index.mjs", SLOW_WRITER));
    }

    /**
     * Creates a Node.js function whose handler is {@code awslambda.streamifyResponse} of an async function of
     * {@code (event, responseStream)} with {@code body}.
     */
    private static void createStreaming(String name, String body, Consumer<CreateFunctionRequest.Builder> customize) {
        server.functions().create(name, "nodejs20.x", "index.handler", Map.of("index.mjs",
                "export const handler = awslambda.streamifyResponse(async (event, responseStream) => {\n" + body
                        + "});\n"), customize);
    }

    @AfterAll
    static void stop() throws Exception {
        async.close();
        server.close();
    }

    @Test
    void theFirstChunkReachesTheClientWhileTheFunctionIsStillWriting() throws Exception {
        StreamedInvocation streamed = StreamedInvocation.invoke(async, "slow-writer", "{}", 1024, b -> { });

        assertThat(streamed.response().statusCode()).isEqualTo(200);
        assertThat(streamed.response().executedVersion()).isEqualTo("$LATEST");
        assertThat(streamed.response().responseStreamContentType()).isEqualTo("application/vnd.amazon.eventstream");
        assertThat(streamed.text()).isEqualTo("first second");
        assertThat(streamed.chunks()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(streamed.complete().errorCode()).isNull();
        assertThat(streamed.complete().errorDetails()).isNull();
        long firstToEnd = streamed.completeNanos() - streamed.chunks().getFirst().nanos();
        assertThat(firstToEnd).as("the first chunk arrived before the function's one-second wait, not with the end")
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(800));
    }

    @Test
    void anErrorMidStreamEndsTheStreamWithItsTypeAndMessage() throws Exception {
        createStreaming("breaks", """
                responseStream.write('partial');
                await new Promise((resolve) => setTimeout(resolve, 50));
                throw new TypeError('stream broke');
                """, b -> { });

        StreamedInvocation streamed = StreamedInvocation.invoke(async, "breaks", "{}", 1024, b -> { });

        assertThat(streamed.response().statusCode()).isEqualTo(200);
        assertThat(streamed.text()).isEqualTo("partial");
        assertThat(streamed.chunks()).as("no empty chunk before the error").allMatch(chunk -> chunk.size() > 0);
        assertThat(streamed.complete().errorCode()).isEqualTo("TypeError");
        assertThat(streamed.complete().errorDetails()).isEqualTo("stream broke");
    }

    @Test
    void aTimeoutMidStreamEndsTheStreamWithSandboxTimedout() throws Exception {
        createStreaming("never-ends", """
                responseStream.write('tick');
                await new Promise(() => setInterval(() => {}, 1000));
                """, b -> b.timeout(1));

        StreamedInvocation streamed = StreamedInvocation.invoke(async, "never-ends", "{}", 1024,
                b -> b.logType(LogType.TAIL));

        assertThat(streamed.text()).isEqualTo("tick");
        assertThat(streamed.complete().errorCode()).isEqualTo("Sandbox.Timedout");
        assertThat(streamed.complete().errorDetails()).endsWith("Task timed out after 1.00 seconds");
        assertThat(new String(Base64.getDecoder().decode(streamed.complete().logResult()), StandardCharsets.UTF_8))
                .contains("Task timed out after 1.00 seconds");

        StreamedInvocation again = StreamedInvocation.invoke(async, "never-ends", "{}", 1024, b -> { });
        assertThat(again.text()).as("a fresh instance replaced the killed one").isEqualTo("tick");
    }

    @Test
    void anInstanceThatDiesMidStreamEndsTheStreamWithRuntimeExitError() throws Exception {
        createStreaming("dies", """
                responseStream.write('last words');
                await new Promise((resolve) => setTimeout(resolve, 100));
                process.exit(3);
                """, b -> { });

        StreamedInvocation streamed = StreamedInvocation.invoke(async, "dies", "{}", 1024, b -> { });

        assertThat(streamed.text()).isEqualTo("last words");
        assertThat(streamed.complete().errorCode()).isEqualTo("Runtime.ExitError");
        assertThat(streamed.complete().errorDetails()).endsWith("Runtime exited with error: exit status 3");
    }

    @Test
    void aFunctionWithoutConcurrencyIsThrottledAsAnApiError() {
        server.functions().create("throttled", "nodejs20.x", "index.handler", Map.of("index.mjs", SLOW_WRITER));
        server.lambda().putFunctionConcurrency(b -> b.functionName("throttled").reservedConcurrentExecutions(0));

        assertThatThrownBy(() -> StreamedInvocation.invoke(async, "throttled", "{}", 1024, b -> { }))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TooManyRequestsException.class)
                .hasMessageContaining("Rate Exceeded.");
    }

    @Test
    void aStreamPastTwoHundredMebibytesEndsWithResponseSizeTooLarge() throws Exception {
        createStreaming("too-large", """
                const mebibyte = Buffer.alloc(1024 * 1024, 120);
                for (let i = 0; i < 201; i++) {
                  if (!responseStream.write(mebibyte)) {
                    await new Promise((resolve) => responseStream.once('drain', resolve));
                  }
                }
                responseStream.end();
                """, b -> b.timeout(60).memorySize(512));

        StreamedInvocation streamed = StreamedInvocation.invoke(async, "too-large", "{}", 0, b -> { });

        assertThat(streamed.totalBytes()).isEqualTo(200L * 1024 * 1024);
        assertThat(streamed.complete().errorCode()).isEqualTo("Function.ResponseSizeTooLarge");
        assertThat(streamed.complete().errorDetails())
                .isEqualTo("Response payload size exceeded maximum allowed payload size (209715200 bytes).");
    }

    @Test
    void aFunctionThatDoesNotStreamArrivesAsOneChunk() throws Exception {
        server.functions().create("buffered", "nodejs20.x", "index.handler", Map.of("index.js", """
                exports.handler = async (event) => ({ echo: event });
                """));

        StreamedInvocation streamed = StreamedInvocation.invoke(async, "buffered", "{\"a\":1}", 1024, b -> { });

        assertThat(streamed.chunks()).hasSize(1);
        assertThat(streamed.text()).isEqualTo("{\"echo\":{\"a\":1}}");
        assertThat(streamed.complete().errorCode()).isNull();
    }

    @Test
    void aFunctionThatFailsWithoutStreamingEndsWithItsError() throws Exception {
        server.functions().create("buffered-error", "nodejs20.x", "index.handler", Map.of("index.js", """
                exports.handler = async () => { throw new RangeError('out of range'); };
                """));

        StreamedInvocation streamed = StreamedInvocation.invoke(async, "buffered-error", "{}", 1024, b -> { });

        assertThat(streamed.chunks()).isEmpty();
        assertThat(streamed.complete().errorCode()).isEqualTo("RangeError");
        assertThat(streamed.complete().errorDetails()).isEqualTo("out of range");
    }

    @Test
    void aPlainInvokeOfAStreamingFunctionGetsTheWholeResponseAtOnce() {
        InvokeResponse response = server.functions().invoke("slow-writer", "{}");

        assertThat(response.functionError()).isNull();
        assertThat(response.payload().asUtf8String()).isEqualTo("first second");
    }

    @Test
    void aPlainInvokeOfAStreamPastSixMegabytesFailsAsABufferedResponseDoes() throws Exception {
        createStreaming("seven-mebibytes", """
                responseStream.write(Buffer.alloc(7 * 1024 * 1024, 120));
                responseStream.end();
                """, b -> b.memorySize(512));

        InvokeResponse response = server.functions().invoke("seven-mebibytes", "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"errorMessage\":\"Response payload size exceeded "
                + "maximum allowed payload size (6291556 bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}");
        StreamedInvocation streamed = StreamedInvocation.invoke(async, "seven-mebibytes", "{}", 0, b -> { });
        assertThat(streamed.totalBytes()).as("the same function streams its 7 MiB").isEqualTo(7L * 1024 * 1024);
        assertThat(streamed.complete().errorCode()).isNull();
    }

    @Test
    void aDryRunChecksTheFunctionWithoutRunningIt() throws Exception {
        StreamedInvocation streamed = StreamedInvocation.invoke(async, "slow-writer", "{}", 1024,
                b -> b.invocationType(ResponseStreamingInvocationType.DRY_RUN));

        assertThat(streamed.response().statusCode()).isEqualTo(204);
        assertThat(streamed.chunks()).isEmpty();
        assertThat(streamed.complete()).isNull();
    }

    @Test
    void anUnknownFunctionIsAnApiErrorNotAStream() {
        assertThatThrownBy(() -> StreamedInvocation.invoke(async, "no-such-function", "{}", 1024, b -> { }))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function");
    }
}
