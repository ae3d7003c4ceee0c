package dev.gust.edge.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * SigV4's URI encoding (RFC 3986: every byte but {@code A-Z a-z 0-9 - _ . ~} becomes {@code %XX}, upper-case hex)
 * and the percent-decoding that undoes the encoding a request arrived with. Stateless.
 *
 * <p>Two rules differ on purpose, because the clients differ there:
 * <ul>
 *   <li>A <em>path</em> is encoded as it is, {@code %} included, so an already-encoded path is encoded twice. This
 *       is what the AWS SDKs ({@code doubleUrlEncode}) and botocore ({@code quote(path, safe='/~')}) sign for every
 *       service but S3: {@code arn%3Aaws} is signed as {@code arn%253Aaws}.</li>
 *   <li>A <em>query</em> name or value is decoded first and then encoded, so that every client's spelling of the
 *       same value ({@code %7E} or {@code ~}, {@code %2a} or {@code %2A}) has one canonical form. {@code +} is a
 *       literal plus, not a space: AWS clients send a space as {@code %20}.</li>
 * </ul>
 */
final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /** Appends the canonical URI of {@code rawPath}: dot segments and empty segments removed, then encoded once more. */
    static void appendCanonicalPath(StringBuilder out, String rawPath) {
        String path = needsNormalizing(rawPath) ? removeDotSegments(rawPath) : rawPath;
        if (path.isEmpty() || path.charAt(0) != '/') {
            out.append('/');
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/' || isUnreserved(c)) {
                out.append(c);
            } else {
                i = appendEncodedChar(out, path, i);
            }
        }
    }

    /** The canonical form of a raw query name or value: percent-decoded, then encoded; {@code raw} itself if equal. */
    static String canonicalQueryComponent(String raw) {
        if (allUnreserved(raw)) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && hexValue(raw, i + 1) >= 0 && hexValue(raw, i + 2) >= 0) {
                int b = hexValue(raw, i + 1) << 4 | hexValue(raw, i + 2);
                if (isUnreserved((char) b)) {
                    out.append((char) b);
                } else {
                    appendByte(out, b);
                }
                i += 2;
            } else if (isUnreserved(c)) {
                out.append(c);
            } else {
                i = appendEncodedChar(out, raw, i);
            }
        }
        return out.toString();
    }

    /** {@code raw} with {@code %XX} sequences decoded as UTF-8; {@code raw} itself if it has none. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && hexValue(raw, i + 1) >= 0 && hexValue(raw, i + 2) >= 0) {
                bytes.write(hexValue(raw, i + 1) << 4 | hexValue(raw, i + 2));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static boolean allUnreserved(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isUnreserved(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Encodes the character (or surrogate pair) at {@code i} as UTF-8 {@code %XX} bytes; returns its last index. */
    private static int appendEncodedChar(StringBuilder out, String s, int i) {
        char c = s.charAt(i);
        if (c < 0x80) {
            appendByte(out, c);
            return i;
        }
        int codePoint = s.codePointAt(i);
        if (codePoint < 0x800) {
            appendByte(out, 0xC0 | codePoint >> 6);
            appendByte(out, 0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            // A lone surrogate is encoded as '?', as String.getBytes(UTF_8) would.
            if (Character.isSurrogate(c)) {
                appendByte(out, '?');
                return i;
            }
            appendByte(out, 0xE0 | codePoint >> 12);
            appendByte(out, 0x80 | codePoint >> 6 & 0x3F);
            appendByte(out, 0x80 | codePoint & 0x3F);
        } else {
            appendByte(out, 0xF0 | codePoint >> 18);
            appendByte(out, 0x80 | codePoint >> 12 & 0x3F);
            appendByte(out, 0x80 | codePoint >> 6 & 0x3F);
            appendByte(out, 0x80 | codePoint & 0x3F);
            return i + 1;
        }
        return i;
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4 & 0xF]).append(HEX[b & 0xF]);
    }

    /** The value of the ASCII hex digit at {@code i}, or -1 (also past the end). */
    private static int hexValue(String s, int i) {
        if (i >= s.length()) {
            return -1;
        }
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static boolean needsNormalizing(String path) {
        return path.contains("//") || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..") || path.equals(".") || path.equals("..");
    }

    /**
     * RFC 3986 section 5.2.4 plus the removal of empty segments, as botocore's {@code remove_dot_segments} does;
     * a leading and a trailing slash are kept.
     */
    static String removeDotSegments(String path) {
        ArrayDeque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(segment);
            }
        }
        String joined = String.join("/", segments);
        String first = path.startsWith("/") ? "/" : "";
        String last = path.endsWith("/") && !segments.isEmpty() ? "/" : "";
        return first + joined + last;
    }
}
