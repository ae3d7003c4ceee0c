package dev.gust.apigateway.rest;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The ids API Gateway puts on every invoke response: {@code x-amz-apigw-id} (twelve base64 characters ending in
 * {@code =}, as AWS's extended request ids look) and {@code X-Amzn-Trace-Id} ({@code Root=1-<epoch hex>-<24 hex>}).
 * Thread-safe.
 */
final class ApigwIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApigwIds() {
    }

    static String next() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).replace('+', 'A').replace('/', 'B');
    }

    static String traceId(InstantSource clock) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "Root=1-" + Long.toHexString(clock.instant().getEpochSecond()) + "-" + HexFormat.of().formatHex(bytes);
    }
}
