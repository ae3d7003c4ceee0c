package dev.gust.edge;

/**
 * Writes one response of a query-protocol service (STS, IAM, SNS) as AWS shapes it: {@code <XResponse
 * xmlns="NAMESPACE"><XResult>...</XResult><ResponseMetadata><RequestId/></ResponseMetadata></XResponse>}, indented
 * by two spaces; an action without a result (a delete) has only the metadata. Not thread-safe: one per response.
 */
public final class QueryXml {

    /** The content type AWS answers query-protocol responses with. */
    public static final String CONTENT_TYPE = "text/xml";

    private final StringBuilder s = new StringBuilder(1024);
    private final String action;
    private final boolean hasResult;
    private int depth = 2;

    private QueryXml(String namespace, String action, boolean hasResult) {
        this.action = action;
        this.hasResult = hasResult;
        s.append('<').append(action).append("Response xmlns=\"").append(namespace).append("\">\n");
        if (hasResult) {
            s.append("  <").append(action).append("Result>\n");
        }
    }

    /** A response of the service whose XML namespace is {@code namespace}, with a result element to fill. */
    public static QueryXml result(String namespace, String action) {
        return new QueryXml(namespace, action, true);
    }

    /** The whole response of an action that returns nothing but its request id. */
    public static String empty(String namespace, String action, String requestId) {
        return new QueryXml(namespace, action, false).end(requestId);
    }

    public QueryXml open(String name) {
        indent().append('<').append(name).append(">\n");
        depth++;
        return this;
    }

    public QueryXml close(String name) {
        depth--;
        indent().append("</").append(name).append(">\n");
        return this;
    }

    /** An element with text; nothing if {@code text} is {@code null}, as AWS leaves out unset members. */
    public QueryXml element(String name, Object text) {
        if (text != null) {
            indent().append('<').append(name).append('>').append(escape(text.toString())).append("</").append(name)
                    .append(">\n");
        }
        return this;
    }

    /** Closes the response and returns it. */
    public String end(String requestId) {
        if (hasResult) {
            s.append("  </").append(action).append("Result>\n");
        }
        s.append("  <ResponseMetadata>\n    <RequestId>").append(escape(requestId)).append("</RequestId>\n");
        s.append("  </ResponseMetadata>\n</").append(action).append("Response>\n");
        return s.toString();
    }

    private StringBuilder indent() {
        return s.append("  ".repeat(depth));
    }

    /** Escapes text for an XML element's content. */
    public static String escape(String text) {
        StringBuilder e = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> e.append("&amp;");
                case '<' -> e.append("&lt;");
                case '>' -> e.append("&gt;");
                case '"' -> e.append("&quot;");
                case '\'' -> e.append("&apos;");
                default -> e.append(c);
            }
        }
        return e.toString();
    }
}
