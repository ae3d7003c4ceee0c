package dev.gust.httpevents;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * How a request body enters an event: as text, or base64-encoded with {@code isBase64Encoded} true. Function URLs and
 * HTTP APIs base64-encode every body whose {@code Content-Type} is not textual (a body without a content type is
 * binary to them); REST APIs pass a body as text unless its type is one of the API's binary media types.
 */
final class BodyEncoding {

    private BodyEncoding() {
    }

    /**
     * Whether {@code contentType} (a header value, parameters allowed, possibly {@code null}) is text to function
     * URLs and HTTP APIs: {@code text/*}, and JSON, XML, JavaScript and YAML types, including the {@code +json} and
     * {@code +xml} suffixes.
     */
    static boolean isTextual(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = mediaType(contentType);
        if (type.startsWith("text/")) {
            return true;
        }
        int slash = type.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String subtype = type.substring(slash + 1);
        return subtype.equals("json") || subtype.endsWith("+json") || subtype.equals("xml")
                || subtype.endsWith("+xml") || subtype.equals("javascript") || subtype.equals("x-javascript")
                || subtype.equals("ecmascript") || subtype.equals("yaml") || subtype.equals("x-yaml");
    }

    /**
     * Whether {@code contentType} (possibly {@code null}, parameters allowed; or an {@code Accept} value, whose media
     * ranges are each tried) matches one of a REST API's {@code binaryMediaTypes} ({@code image/png},
     * {@code image/*}, {@code *}{@code /*}).
     */
    static boolean matchesAny(List<String> binaryMediaTypes, String contentType) {
        if (contentType == null || binaryMediaTypes == null || binaryMediaTypes.isEmpty()) {
            return false;
        }
        for (String range : contentType.split(",")) {
            String type = mediaType(range);
            for (String pattern : binaryMediaTypes) {
                String wanted = mediaType(pattern);
                if (wanted.equals("*/*") || wanted.equals(type)
                        || (wanted.endsWith("/*") && type.startsWith(wanted.substring(0, wanted.length() - 1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The media type of a {@code Content-Type} value, lower-case, without parameters. */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /** {@code body} as the event's text: base64 when {@code binary}, else decoded as UTF-8. */
    static String text(byte[] body, boolean binary) {
        return binary ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8);
    }
}
