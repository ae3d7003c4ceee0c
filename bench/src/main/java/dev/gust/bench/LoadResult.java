package dev.gust.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * What one closed-loop load run measured: completed requests, errors, throughput, and the latency histogram
 * (nanoseconds).
 *
 * @param connections concurrent connections, each with one request outstanding
 * @param requests requests completed in the measured window
 * @param errors requests that failed (I/O error, a status other than 2xx, or a function error)
 * @param seconds length of the measured window
 * @param latency latencies of the completed requests, in nanoseconds
 */
public record LoadResult(int connections, long requests, long errors, double seconds, Histogram latency) {

    public double requestsPerSecond() {
        return requests / seconds;
    }

    public double p50Ms() {
        return ms(latency.getValueAtPercentile(50));
    }

    /** The run as JSON: throughput, p50/p99/p99.9/max in milliseconds, and the CDF for plots. */
    public ObjectNode toJson(boolean withCdf) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("connections", connections);
        node.put("requests", requests);
        node.put("errors", errors);
        node.put("seconds", round(seconds));
        node.put("rps", round(requestsPerSecond()));
        node.put("p50_ms", round(p50Ms()));
        node.put("p90_ms", round(ms(latency.getValueAtPercentile(90))));
        node.put("p99_ms", round(ms(latency.getValueAtPercentile(99))));
        node.put("p999_ms", round(ms(latency.getValueAtPercentile(99.9))));
        node.put("max_ms", round(ms(latency.getMaxValue())));
        node.put("mean_ms", round(latency.getMean() / 1e6));
        if (withCdf && latency.getTotalCount() > 0) {
            ArrayNode cdf = node.putArray("cdf");
            for (HistogramIterationValue v : latency.percentiles(5)) {
                cdf.addArray().add(round(ms(v.getValueIteratedTo()))).add(v.getPercentileLevelIteratedTo());
                if (v.getPercentileLevelIteratedTo() >= 99.99) {
                    break;
                }
            }
        }
        return node;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
