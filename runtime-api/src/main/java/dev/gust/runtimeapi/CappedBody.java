package dev.gust.runtimeapi;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * A request body read up to {@link RuntimeApiEndpoint#MAX_PAYLOAD_BYTES}; past that it only counts, so an oversized
 * body never sits in memory. Confined to the event loop of the request it reads.
 */
final class CappedBody implements Handler<Buffer> {

    private Buffer content;
    private boolean aggregated;
    private long size;

    @Override
    public void handle(Buffer chunk) {
        size += chunk.length();
        if (size > RuntimeApiEndpoint.MAX_PAYLOAD_BYTES) {
            content = null;
        } else if (content == null) {
            content = chunk;
        } else {
            if (!aggregated) {
                content = Buffer.buffer((int) Math.min(RuntimeApiEndpoint.MAX_PAYLOAD_BYTES, size * 2))
                        .appendBuffer(content);
                aggregated = true;
            }
            content.appendBuffer(chunk);
        }
    }

    boolean tooLarge() {
        return size > RuntimeApiEndpoint.MAX_PAYLOAD_BYTES;
    }

    /** The body read; empty when there was none. */
    byte[] bytes() {
        return content == null ? new byte[0] : content.getBytes();
    }
}
