package dev.gust.api.sigv4;

import dev.gust.core.LambdaException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The parts of a SigV4 canonical request, built from the request as received. Stateless. */
final class CanonicalRequest {

    private CanonicalRequest() {
    }

    /**
     * The canonical URI: AWS clients (other than for S3) encode the already-encoded path once more, so the raw
     * path is encoded again, keeping slashes.
     */
    static String uri(String rawPath) {
        return rawPath == null || rawPath.isEmpty() ? "/" : UriEncoding.encode(rawPath, true);
    }

    /** Parameters sorted by encoded name, then value; each normalized to RFC 3986 encoding. */
    static String query(List<String[]> pairs) {
        List<String[]> encoded = new ArrayList<>();
        for (String[] pair : pairs) {
            if (UriEncoding.decode(pair[0]).equals("X-Amz-Signature")) {
                continue;
            }
            encoded.add(new String[] {UriEncoding.encode(UriEncoding.decode(pair[0]), false),
                    UriEncoding.encode(UriEncoding.decode(pair[1]), false)});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] pair : encoded) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair[0]).append('=').append(pair[1]);
        }
        return out.toString();
    }

    /** {@code name:value\n} for each signed header, values trimmed with inner whitespace collapsed. */
    static String headers(String signedHeaders, Function<String, String> header) {
        StringBuilder out = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            String value = header.apply(name);
            if (value == null) {
                throw LambdaException.authentication("InvalidSignatureException", "The request signature we calculated "
                        + "does not match the signature you provided. Check your AWS Secret Access Key and signing "
                        + "method. Consult the service documentation for details.");
            }
            out.append(name.toLowerCase(Locale.ROOT)).append(':').append(value.trim().replaceAll("\\s+", " ")).append('\n');
        }
        return out.toString();
    }
}
