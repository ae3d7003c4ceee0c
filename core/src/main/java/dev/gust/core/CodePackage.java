package dev.gust.core;

import java.util.HexFormat;
import java.util.Base64;

/**
 * A deployment package as Lambda describes it: its SHA-256 and its size in bytes (zipped).
 *
 * @param sha256Hex lower-case hex SHA-256 of the zip; the key under which the package is stored
 * @param size size of the zip in bytes ({@code CodeSize})
 * @param unzippedSize total size of the unpacked files in bytes
 */
public record CodePackage(String sha256Hex, long size, long unzippedSize) {

    /** {@code CodeSha256} as AWS reports it: base64 of the raw SHA-256 digest. */
    public String codeSha256() {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }
}
