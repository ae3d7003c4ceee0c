package dev.gust.engine;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * X-Ray trace headers for invocations that arrive without one: Lambda always hands the runtime a
 * {@code Lambda-Runtime-Trace-Id}, which runtimes expose as {@code _X_AMZN_TRACE_ID}.
 */
final class TraceIds {

    private static final HexFormat HEX = HexFormat.of();

    private TraceIds() {
    }

    /** {@code Root=1-<epoch seconds, 8 hex>-<96 random bits>;Parent=<64 random bits>;Sampled=0}. */
    static String generate(Instant now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        random.nextBytes(root);
        return "Root=1-" + HEX.toHexDigits((int) now.getEpochSecond()) + "-" + HEX.formatHex(root)
                + ";Parent=" + HEX.toHexDigits(random.nextLong()) + ";Sampled=0";
    }
}
