package dev.gust.edge.auth;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 digests as lower-case hex, the form SigV4 puts into canonical requests and strings to sign.
 * Thread-safe: each call works on its own clone of a never-used prototype digest, which is cheaper than a
 * provider look-up per call.
 */
final class Sha256 {

    /** The hash of an empty payload. */
    static final String EMPTY_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final MessageDigest PROTOTYPE = newDigest();
    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    /** The hex SHA-256 of the bytes between the buffer's position and limit; the buffer itself is not moved. */
    static String hex(ByteBuffer bytes) {
        if (!bytes.hasRemaining()) {
            return EMPTY_HEX;
        }
        MessageDigest digest = digest();
        digest.update(bytes.duplicate());
        return HEX.formatHex(digest.digest());
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest();
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
