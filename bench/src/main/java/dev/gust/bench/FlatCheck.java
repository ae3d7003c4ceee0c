package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/**
 * The soak's pass/fail check that a resource stays flat: the maximum of the last window of samples may exceed the
 * maximum of the first window (after the warm-up sample) by at most a relative plus an absolute allowance.
 *
 * <p>A leak grows without bound, so over a long run the last window's maximum leaves any fixed allowance behind;
 * steady-state noise (a GC cycle, an instance more or less) stays within it. Windows are a third of the run, at
 * most 10 minutes: the first 10 and the last 10 minutes of a 30-minute soak.
 */
final class FlatCheck {

    /** Allowances per metric of {@link ServerFootprint#METRICS}: relative growth, then absolute. */
    private static final double[] RELATIVE = {0.25, 0.10, 0.10, 0.0, 0.0, 0.25};
    private static final long[] ABSOLUTE = {16_384, 32, 16, 8, 8, 1_024};
    private static final Duration MAX_WINDOW = Duration.ofMinutes(10);

    private FlatCheck() {
    }

    /**
     * Judges samples taken every {@code interval}, the first of them before the load started.
     *
     * @return per metric the two maxima, the bound and whether it held, and {@code pass} for all of them
     */
    static ObjectNode judge(List<ServerFootprint> samples, Duration interval) {
        ObjectNode check = JsonNodeFactory.instance.objectNode();
        List<ServerFootprint> loaded = samples.subList(Math.min(1, samples.size()), samples.size());
        long windowSamples = Math.max(1, Math.min(loaded.size() / 3, MAX_WINDOW.toMillis() / interval.toMillis()));
        List<ServerFootprint> first = loaded.subList(0, (int) Math.min(windowSamples, loaded.size()));
        List<ServerFootprint> last = loaded.subList((int) Math.max(0, loaded.size() - windowSamples), loaded.size());
        check.put("window_samples", windowSamples);
        boolean pass = !loaded.isEmpty();
        for (int metric = 0; metric < ServerFootprint.METRICS.length; metric++) {
            long firstMax = max(first, metric);
            long lastMax = max(last, metric);
            long bound = firstMax + (long) Math.ceil(Math.max(0, firstMax) * RELATIVE[metric]) + ABSOLUTE[metric];
            boolean flat = lastMax <= bound;
            check.putObject(ServerFootprint.METRICS[metric]).put("first_max", firstMax).put("last_max", lastMax)
                    .put("bound", bound).put("flat", flat);
            pass &= flat;
        }
        check.put("pass", pass);
        return check;
    }

    private static long max(List<ServerFootprint> samples, int metric) {
        return samples.stream().mapToLong(sample -> sample.metric(metric)).max().orElse(0);
    }
}
