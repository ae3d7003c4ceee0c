package dev.gust.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Throughput and latency against concurrency: each point is measured {@code repeats} times; the point reports the
 * median run's throughput, every run's throughput, and the latencies of all runs merged.
 */
final class Curves {

    private Curves() {
    }

    /** Measures every concurrency level; {@code request} is asked again per run (fresh signature). */
    static ArrayNode measure(BenchContext context, Supplier<RequestTemplate> request) {
        return measure(context, request, context.concurrencies());
    }

    static ArrayNode measure(BenchContext context, Supplier<RequestTemplate> request, List<Integer> concurrencies) {
        ArrayNode points = JsonNodeFactory.instance.arrayNode();
        for (int connections : concurrencies) {
            points.add(point(context, request, connections));
        }
        return points;
    }

    static ObjectNode point(BenchContext context, Supplier<RequestTemplate> request, int connections) {
        List<LoadResult> runs = new ArrayList<>();
        for (int i = 0; i < context.repeats(); i++) {
            runs.add(LoadGenerator.run(request.get(), connections, context.warmup(), context.duration()));
        }
        Histogram merged = new Histogram(runs.getFirst().latency().getHighestTrackableValue(), 3);
        long errors = 0;
        long requests = 0;
        double seconds = 0;
        for (LoadResult run : runs) {
            merged.add(run.latency());
            errors += run.errors();
            requests += run.requests();
            seconds += run.seconds();
        }
        LoadResult all = new LoadResult(connections, requests, errors, seconds, merged);
        ObjectNode point = all.toJson(connections == 1 || connections == 32);
        List<LoadResult> byRps = new ArrayList<>(runs);
        byRps.sort(Comparator.comparingDouble(LoadResult::requestsPerSecond));
        point.put("rps", LoadResult.round(byRps.get(byRps.size() / 2).requestsPerSecond()));
        ArrayNode each = point.putArray("rps_runs");
        runs.forEach(run -> each.add(LoadResult.round(run.requestsPerSecond())));
        return point;
    }

    /** The point measured at {@code connections}, or {@code null}. */
    static ObjectNode at(ArrayNode points, int connections) {
        for (var point : points) {
            if (point.path("connections").asInt() == connections) {
                return (ObjectNode) point;
            }
        }
        return null;
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
