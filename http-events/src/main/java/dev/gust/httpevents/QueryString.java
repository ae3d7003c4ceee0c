package dev.gust.httpevents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw query string's parameters as API Gateway and function URLs read them: split on {@code &}, each pair on its
 * first {@code =} (a key without one has the empty value), keys and values percent-decoded with {@code +} as a
 * space, empty pairs skipped. Keys keep the order of their first occurrence.
 */
final class QueryString {

    private QueryString() {
    }

    /** Every key's values in the order sent; empty for an empty query. */
    static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    /**
     * {@code text} percent-decoded as UTF-8 with {@code +} as a space; a {@code %} not followed by two hex digits
     * stays as it is (API Gateway passes such a parameter through rather than refusing the request).
     */
    static String decode(String text) {
        return decode(text, true);
    }

    /** {@code text} percent-decoded as UTF-8; {@code +} is a space only when {@code plusIsSpace} (queries). */
    static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[bytes.length];
        int length = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '+' && plusIsSpace) {
                out[length++] = ' ';
            } else if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out[length++] = (byte) (hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out[length++] = b;
            }
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }
}
