package dev.gust.edge.auth;

import java.util.List;

/**
 * The builder of a {@link SignedRequest}'s SigV4 canonical request, all but its last line (the payload hash), so
 * that a verifier can try more than one payload hash without rebuilding the rest. Stateless.
 *
 * <pre>
 * METHOD
 * canonical URI          (raw path, dot segments removed, encoded once more)
 * canonical query        (decoded and re-encoded, sorted, without X-Amz-Signature if presigned)
 * name:value             (one line per signed header, values trimmed and inner white space collapsed)
 *
 * signed;header;names
 * </pre>
 */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    /**
     * Appends every line of the canonical request up to and including the signed-headers line and its newline.
     *
     * @param signedHeaderNames the signed header names, in the order the client listed them
     * @param signedHeaders the {@code SignedHeaders} value exactly as the client sent it
     * @param excludedQueryParameter a parameter left out of the canonical query ({@code X-Amz-Signature} of a
     *     presigned request), or {@code null}
     */
    static void appendWithoutPayloadHash(StringBuilder out, SignedRequest request, QueryString query,
            String excludedQueryParameter, String[] signedHeaderNames, String signedHeaders) {
        out.append(request.method()).append('\n');
        UriEncoding.appendCanonicalPath(out, request.rawPath());
        out.append('\n');
        query.appendCanonical(out, excludedQueryParameter);
        out.append('\n');
        for (String name : signedHeaderNames) {
            out.append(name).append(':');
            appendHeaderValues(out, request.headers().all(name));
            out.append('\n');
        }
        out.append('\n').append(signedHeaders).append('\n');
    }

    /** Values joined by commas, each trimmed and with runs of white space inside it collapsed to one space. */
    private static void appendHeaderValues(StringBuilder out, List<String> values) {
        for (int v = 0; v < values.size(); v++) {
            if (v > 0) {
                out.append(',');
            }
            String value = values.get(v);
            boolean pendingSpace = false;
            boolean started = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (isWhitespace(c)) {
                    pendingSpace = started;
                } else {
                    if (pendingSpace) {
                        out.append(' ');
                        pendingSpace = false;
                    }
                    out.append(c);
                    started = true;
                }
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
