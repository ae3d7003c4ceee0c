package dev.gust.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP load generator: {@code connections} keep-alive connections, each on its own thread with one
 * request outstanding, replaying one prebuilt request. After a warm-up it records every latency into an
 * HdrHistogram per thread (merged at the end), so recording costs nanoseconds and no locks.
 */
public final class LoadGenerator {

    private static final long HIGHEST_NANOS = Duration.ofSeconds(60).toNanos();

    private LoadGenerator() {
    }

    /** Runs the load for {@code warmup}, then measures for {@code duration}. */
    public static LoadResult run(RequestTemplate request, int connections, Duration warmup, Duration duration) {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Histogram> histograms = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
            histograms.add(histogram);
            threads.add(Thread.ofPlatform().daemon().name("load-" + i).start(() -> {
                try {
                    loop(request, histogram, errors, measureFrom, end);
                } finally {
                    done.countDown();
                }
            }));
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.forEach(Thread::interrupt);
        }
        Histogram merged = new Histogram(HIGHEST_NANOS, 3);
        histograms.forEach(merged::add);
        return new LoadResult(connections, merged.getTotalCount(), errors.get(), duration.toNanos() / 1e9, merged);
    }

    private static void loop(RequestTemplate request, Histogram histogram, AtomicLong errors, long measureFrom,
            long end) {
        HttpConnection connection = null;
        byte[] bytes = request.bytes();
        try {
            long now = System.nanoTime();
            while (now < end) {
                if (connection == null) {
                    connection = new HttpConnection(request.host(), request.port());
                }
                long sent = System.nanoTime();
                boolean ok;
                try {
                    HttpConnection.Reply reply = connection.exchange(bytes);
                    ok = reply.status() / 100 == 2 && !reply.functionError();
                } catch (IOException e) {
                    connection.close();
                    connection = null;
                    ok = false;
                }
                now = System.nanoTime();
                if (sent >= measureFrom && now <= end) {
                    if (ok) {
                        histogram.recordValue(Math.min(now - sent, HIGHEST_NANOS));
                    } else {
                        errors.incrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            errors.incrementAndGet();
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /**
     * Sends the requests at once, each on its own new connection (opened beforehand) and virtual thread, and
     * returns when each one completed, in nanoseconds after the common start (negative for a failure).
     */
    public static long[] burst(List<RequestTemplate> requests) {
        long[] latencies = new long[requests.size()];
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch connected = new CountDownLatch(requests.size());
        long[] start = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            int index = i;
            threads.add(Thread.ofVirtual().start(() -> {
                RequestTemplate request = requests.get(index);
                try (HttpConnection connection = new HttpConnection(request.host(), request.port())) {
                    connected.countDown();
                    go.await();
                    HttpConnection.Reply reply = connection.exchange(request.bytes());
                    long took = System.nanoTime() - start[0];
                    latencies[index] = reply.status() / 100 == 2 && !reply.functionError() ? took : -took;
                } catch (IOException | InterruptedException e) {
                    connected.countDown();
                    latencies[index] = Long.MIN_VALUE;
                }
            }));
        }
        try {
            connected.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        start[0] = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return latencies;
    }
}
