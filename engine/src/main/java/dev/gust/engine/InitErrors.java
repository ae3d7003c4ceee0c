package dev.gust.engine;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The error type an init error's {@code INIT_REPORT} line names, from what the runtime posted. Stateless. */
final class InitErrors {

    private static final Pattern ERROR_TYPE = Pattern.compile("\"errorType\"\\s*:\\s*\"([^\"\\\\]{1,200})\"");

    private InitErrors() {
    }

    /**
     * The {@code Lambda-Runtime-Function-Error-Type} header when the runtime sent one, else the body's
     * {@code errorType}, else {@code Runtime.Unknown}.
     */
    static String type(String header, byte[] body) {
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        if (body != null) {
            String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8);
            Matcher matcher = ERROR_TYPE.matcher(text);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return "Runtime.Unknown";
    }
}
