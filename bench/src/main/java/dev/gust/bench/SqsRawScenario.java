package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of the queue scenarios: how fast a client drains Gust's embedded SQS through the edge with nothing but
 * {@code ReceiveMessage} (10 at a time, no wait) and {@code DeleteMessageBatch}, from a queue preloaded with N
 * messages, with 1 and 4 clients; the better of the two is the raw rate an event source mapping is judged against.
 */
final class SqsRawScenario implements Scenario {

    static final List<Integer> CLIENTS = List.of(1, 4);

    @Override
    public String name() {
        return "sqs-raw";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        try (GustProcess gust = GustProcess.start(context, "sqs-raw", Map.of(), List.of())) {
            return measure(context, gust);
        }
    }

    /** How many messages each drain starts with. */
    static int messages(BenchContext context) {
        return context.scaled(5_000, 200);
    }

    /** The drain with each number of clients, and {@code best_messages_per_second}. */
    static ObjectNode measure(BenchContext context, GustProcess gust) throws Exception {
        SqsHttp sqs = new SqsHttp(gust.port(), GustProcess.signer());
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        double best = 0;
        for (int clients : CLIENTS) {
            String queue = sqs.createQueue("raw-" + clients);
            int n = messages(context);
            preload(sqs, queue, n);
            long start = System.nanoTime();
            drain(sqs, queue, n, clients);
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode point = result.putObject("clients_" + clients);
            point.put("messages", n);
            point.put("seconds", LoadResult.round(seconds));
            point.put("messages_per_second", Math.round(n / seconds));
            best = Math.max(best, n / seconds);
        }
        result.put("best_messages_per_second", Math.round(best));
        return result;
    }

    /** Sends {@code n} small messages, ten per {@code SendMessageBatch}, from four clients. */
    static void preload(SqsHttp sqs, String queue, int n) throws Exception {
        List<String> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add("{\"n\":" + i + "}");
        }
        AtomicLong batches = new AtomicLong((n + 9) / 10);
        parallel(4, () -> {
            while (batches.getAndDecrement() > 0) {
                sqs.sendBatch(queue, ten);
            }
        });
    }

    private static void drain(SqsHttp sqs, String queue, int n, int clients) throws Exception {
        AtomicLong deleted = new AtomicLong();
        parallel(clients, () -> {
            while (deleted.get() < n) {
                List<SqsHttp.Received> received = sqs.receive(queue, 10, 0);
                if (!received.isEmpty()) {
                    sqs.deleteBatch(queue, received.stream().map(SqsHttp.Received::receiptHandle).toList());
                    deleted.addAndGet(received.size());
                }
            }
        });
    }

    /** Runs {@code work} on {@code threads} threads and waits for all; the first failure is thrown. */
    private static void parallel(int threads, IoWork work) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                running.add(pool.submit(() -> {
                    work.run();
                    return null;
                }));
            }
            for (Future<Void> each : running) {
                each.get();
            }
        }
    }

    /** Work that may fail with an {@link IOException}. */
    @FunctionalInterface
    private interface IoWork {
        void run() throws IOException;
    }
}
