package dev.gust.engine;

import dev.gust.sandbox.Exit;
import dev.gust.sandbox.Sandbox;
import dev.gust.sandbox.SandboxCapabilities;
import dev.gust.sandbox.SandboxSpec;
import dev.gust.sandbox.SandboxedProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sandbox whose instances are virtual threads speaking the Runtime API as a runtime would: each answers every
 * invocation with {@code {}}. Records what it launched. Thread-safe.
 */
final class FakeSandbox implements Sandbox {

    private final List<FakeProcess> launched = new CopyOnWriteArrayList<>();
    private volatile boolean hangAtInit;
    private volatile long answerDelayMillis;
    private volatile boolean stoppedOnEventLoop;
    private volatile long closeDelayMillis;

    @Override
    public SandboxedProcess launch(SandboxSpec spec) {
        FakeProcess process = new FakeProcess(spec, launched.size() + 1L, hangAtInit, answerDelayMillis, this);
        launched.add(process);
        process.runtime = Thread.ofVirtual().start(process::serve);
        return process;
    }

    @Override
    public SandboxCapabilities capabilities() {
        return new SandboxCapabilities(false, false, false, "fake: virtual threads", "none");
    }

    /** Whether the runtimes launched from now on never ask for work (an init that never ends) until killed. */
    void hangAtInit(boolean hang) {
        hangAtInit = hang;
    }

    /** How long the runtimes launched from now on take to answer each invocation. */
    void answerDelay(java.time.Duration delay) {
        answerDelayMillis = delay.toMillis();
    }

    /** Makes closing a process take this long, as a real process tree's exit and cgroup removal can. */
    void closeDelay(java.time.Duration delay) {
        closeDelayMillis = delay.toMillis();
    }

    /** Whether any process was ever killed or closed on a Vert.x event loop (where blocking work must not run). */
    boolean stoppedOnEventLoop() {
        return stoppedOnEventLoop;
    }

    private void stopping() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            stoppedOnEventLoop = true;
        }
    }

    /** Every process launched so far, first first. */
    List<FakeProcess> launched() {
        return List.copyOf(launched);
    }

    /** One launched instance: its spec, and whether it was killed. */
    static final class FakeProcess implements SandboxedProcess {

        private final SandboxSpec spec;
        private final long pid;
        private final CompletableFuture<Exit> exit = new CompletableFuture<>();
        private final boolean hangAtInit;
        private final long answerDelayMillis;
        private volatile Thread runtime;
        private volatile boolean killed;
        private final FakeSandbox sandbox;

        FakeProcess(SandboxSpec spec, long pid, boolean hangAtInit, long answerDelayMillis, FakeSandbox sandbox) {
            this.spec = spec;
            this.pid = pid;
            this.hangAtInit = hangAtInit;
            this.answerDelayMillis = answerDelayMillis;
            this.sandbox = sandbox;
        }

        SandboxSpec spec() {
            return spec;
        }

        boolean killed() {
            return killed;
        }

        /** GET /next, POST {} as the response, until the endpoint goes away or the process is killed. */
        private void serve() {
            String api = "http://" + spec.environment().get("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/";
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                while (hangAtInit && !killed) {
                    Thread.sleep(60_000); // until killed (interrupted)
                }
                while (!killed) {
                    HttpResponse<Void> next = client.send(HttpRequest.newBuilder(URI.create(api + "next")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
                    Thread.sleep(answerDelayMillis);
                    client.send(HttpRequest.newBuilder(URI.create(api + requestId + "/response"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
                }
            } catch (Exception e) {
                // the endpoint closed or the thread was interrupted: the runtime ends
            } finally {
                exit.complete(Exit.of(killed ? 137 : 1, false));
            }
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public InputStream stdout() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream stderr() {
            return InputStream.nullInputStream();
        }

        @Override
        public CompletableFuture<Exit> onExit() {
            return exit;
        }

        @Override
        public long maxMemoryUsedBytes() {
            return -1;
        }

        @Override
        public void kill() {
            sandbox.stopping();
            killed = true;
            Thread thread = runtime;
            if (thread != null) {
                thread.interrupt();
            }
        }

        @Override
        public void close() {
            sandbox.stopping();
            try {
                Thread.sleep(sandbox.closeDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            kill();
        }
    }
}
