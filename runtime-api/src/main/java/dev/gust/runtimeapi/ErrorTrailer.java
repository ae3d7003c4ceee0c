package dev.gust.runtimeapi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The error body a streaming runtime sends in its {@code Lambda-Runtime-Function-Error-Body} trailer: base64 of the
 * error's JSON ({@code {"errorType":…,"errorMessage":…,"trace":[…]}}). Stateless.
 */
final class ErrorTrailer {

    private ErrorTrailer() {
    }

    /**
     * The decoded body; when the trailer is missing or not base64, an error body that names only {@code errorType}, so
     * that the caller still learns what failed.
     */
    static byte[] body(String trailer, String errorType) {
        if (trailer != null && !trailer.isBlank()) {
            try {
                return Base64.getDecoder().decode(trailer.strip());
            } catch (IllegalArgumentException e) {
                // not base64: fall through to the type alone
            }
        }
        return ("{\"errorType\":\"" + errorType.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"errorMessage\":\"\"}").getBytes(StandardCharsets.UTF_8);
    }
}
