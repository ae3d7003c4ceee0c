package dev.gust.edge;

/**
 * Whether a request target's percent-encoding is well formed: every {@code %} starts an escape of two hex digits
 * (RFC 3986, section 2.1). A target that is not fails to decode later, deep inside routing; the edge refuses it
 * first. Stateless.
 */
final class PercentEncoding {

    private PercentEncoding() {
    }

    /** Whether every {@code %} in {@code target} (a path or query; {@code null} is none) is followed by two hex digits. */
    static boolean decodes(String target) {
        if (target == null) {
            return true;
        }
        for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
            if (i + 2 >= target.length() || !hex(target.charAt(i + 1)) || !hex(target.charAt(i + 2))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
