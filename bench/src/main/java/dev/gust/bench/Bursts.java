package dev.gust.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Scale-out by burst: {@code n} invokes sent at once to a function with no instance, each holding its instance for
 * {@code sleepMs}, so that every request gets its own new instance.
 */
final class Bursts {

    /**
     * What a burst did.
     *
     * @param lastCompletedMs when the last invoke completed, after the common start
     * @param failures invokes that failed
     * @param instancesAdded instances the engine holds afterwards, minus before
     */
    record Burst(int n, long sleepMs, double lastCompletedMs, int failures, int instancesAdded) {

        /** Time to bring up all {@code n} instances: the last completion minus the handler's sleep. */
        double scaleOutMs() {
            return lastCompletedMs - sleepMs;
        }
    }

    private Bursts() {
    }

    static Burst run(GustProcess gust, String function, int n, long sleepMs) throws IOException {
        int before = gust.instances();
        RequestTemplate request = gust.invokeRequest(function, "{\"sleep_ms\": " + sleepMs + "}", Map.of());
        List<RequestTemplate> requests = new ArrayList<>(Collections.nCopies(n, request));
        long[] completed = LoadGenerator.burst(requests);
        int failures = 0;
        long last = 0;
        for (long nanos : completed) {
            if (nanos < 0) {
                failures++;
            } else {
                last = Math.max(last, nanos);
            }
        }
        return new Burst(n, sleepMs, last / 1e6, failures, gust.instances() - before);
    }
}
