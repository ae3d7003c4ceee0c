package dev.gust.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What every scenario needs: where things are, and how long and how often to measure.
 *
 * @param serverJar the packaged Gust server
 * @param java the JDK's {@code java} launcher (JDK 25) that runs Gust
 * @param workDir a scratch folder for data dirs, compiled functions and logs
 * @param peerDir where serverless and serverless-offline are installed (a cache kept between runs)
 * @param smoke whether this is the smoke mode: tiny durations and counts, proving the runner works
 * @param warmup load before each measured window
 * @param duration each measured window
 * @param repeats how many times each load point is measured
 * @param concurrencies the connection counts of the throughput curve
 * @param runtimes which runtimes to measure ({@code provided}, {@code python}, {@code nodejs}, {@code java}, {@code ruby})
 * @param soakDuration how long the soak's load runs
 * @param soakInterval how often the soak samples the server
 */
record BenchContext(Path serverJar, Path java, Path workDir, Path peerDir, boolean smoke, Duration warmup,
        Duration duration, int repeats, List<Integer> concurrencies, List<String> runtimes, Duration soakDuration,
        Duration soakInterval) {

    /** {@code full} when not in smoke mode, else {@code smoke}. */
    int scaled(int full, int smokeValue) {
        return smoke ? smokeValue : full;
    }

    boolean measures(String runtime) {
        return runtimes.contains(runtime);
    }
}
