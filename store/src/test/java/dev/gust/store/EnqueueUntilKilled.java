package dev.gust.store;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * A process that enqueues events into {@code args[0]} from four threads until it is killed, printing each
 * request id on its own line once its enqueue was acknowledged. Started by {@link SqliteEventQueueTest}.
 */
final class EnqueueUntilKilled {

    private EnqueueUntilKilled() {
    }

    public static void main(String[] args) {
        SqliteEventQueue queue = new SqliteEventQueue(Path.of(args[0]));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        Semaphore inFlight = new Semaphore(1_000);
        byte[] payload = "{\"kill\":\"me\"}".getBytes(StandardCharsets.UTF_8);
        for (int t = 0; t < 4; t++) {
            String function = "fn-" + t;
            Thread.ofPlatform().start(() -> {
                while (true) {
                    inFlight.acquireUninterruptibly();
                    String requestId = UUID.randomUUID().toString();
                    queue.enqueue(QueuedEvent.accepted(requestId, function, null, payload, Instant.now()))
                            .whenComplete((ok, failure) -> {
                                if (failure == null) {
                                    out.println(requestId);
                                }
                                inFlight.release();
                            });
                }
            });
        }
    }
}
