package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;

/** Summaries of small samples (milliseconds): median, min, max, p99 by rank. */
final class Stats {

    private Stats() {
    }

    static ObjectNode summary(List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("n", sorted.length);
        if (sorted.length == 0) {
            return node;
        }
        node.put("p50_ms", LoadResult.round(rank(sorted, 0.5)));
        node.put("p99_ms", LoadResult.round(rank(sorted, 0.99)));
        node.put("min_ms", LoadResult.round(sorted[0]));
        node.put("max_ms", LoadResult.round(sorted[sorted.length - 1]));
        node.put("mean_ms", LoadResult.round(Arrays.stream(sorted).average().orElse(0)));
        return node;
    }

    static double median(List<Double> samples) {
        return rank(samples.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.5);
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
