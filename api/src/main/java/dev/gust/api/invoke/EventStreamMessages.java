package dev.gust.api.invoke;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The messages of an {@code application/vnd.amazon.eventstream} response, as {@code InvokeWithResponseStream} sends
 * them: each one a prelude (total length, headers length, the prelude's CRC32), string headers ({@code :event-type},
 * {@code :content-type}, {@code :message-type}), the payload, and the CRC32 of everything before it. Stateless.
 */
final class EventStreamMessages {

    /** Prelude (12 bytes) and the message's CRC (4 bytes). */
    private static final int FRAMING_BYTES = 16;
    private static final byte STRING = 7;
    private static final byte[] PAYLOAD_CHUNK = headers("PayloadChunk", "application/octet-stream");
    private static final byte[] INVOKE_COMPLETE = headers("InvokeComplete", "application/json");

    private EventStreamMessages() {
    }

    /** A {@code PayloadChunk} event carrying {@code payload}, the function's bytes unchanged. */
    static Buffer payloadChunk(byte[] payload) {
        return message(PAYLOAD_CHUNK, payload);
    }

    /** An {@code InvokeComplete} event; {@code json} is its payload ({@code ErrorCode}, {@code ErrorDetails}, {@code LogResult}). */
    static Buffer invokeComplete(String json) {
        return message(INVOKE_COMPLETE, json.getBytes(StandardCharsets.UTF_8));
    }

    private static Buffer message(byte[] headers, byte[] payload) {
        int total = FRAMING_BYTES + headers.length + payload.length;
        byte[] prelude = ByteBuffer.allocate(12).putInt(total).putInt(headers.length).array();
        CRC32 crc = new CRC32();
        crc.update(prelude, 0, 8);
        ByteBuffer.wrap(prelude).putInt(8, (int) crc.getValue());
        crc.reset();
        crc.update(prelude);
        crc.update(headers);
        crc.update(payload);
        return Buffer.buffer(total).appendBytes(prelude).appendBytes(headers).appendBytes(payload)
                .appendUnsignedInt(crc.getValue());
    }

    private static byte[] headers(String eventType, String contentType) {
        Buffer headers = Buffer.buffer();
        header(headers, ":event-type", eventType);
        header(headers, ":content-type", contentType);
        header(headers, ":message-type", "event");
        return headers.getBytes();
    }

    private static void header(Buffer headers, String name, String value) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        headers.appendByte((byte) nameBytes.length).appendBytes(nameBytes).appendByte(STRING)
                .appendUnsignedShort(valueBytes.length).appendBytes(valueBytes);
    }
}
