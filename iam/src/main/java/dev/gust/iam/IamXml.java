package dev.gust.iam;

/**
 * Writes one IAM response as AWS shapes it: {@code <XResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
 * <XResult>...</XResult><ResponseMetadata><RequestId/></ResponseMetadata></XResponse>}, indented by two spaces; an
 * action without a result (a delete) has only the metadata. Not thread-safe: one per response.
 */
final class IamXml {

    static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    /** The content type AWS answers IAM's responses with. */
    static final String CONTENT_TYPE = "text/xml";

    private final StringBuilder s = new StringBuilder(1024);
    private final String action;
    private final boolean hasResult;
    private int depth = 2;

    private IamXml(String action, boolean hasResult) {
        this.action = action;
        this.hasResult = hasResult;
        s.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">\n");
        if (hasResult) {
            s.append("  <").append(action).append("Result>\n");
        }
    }

    /** A response with a result element to fill. */
    static IamXml result(String action) {
        return new IamXml(action, true);
    }

    /** The whole response of an action that returns nothing but its request id. */
    static String empty(String action, String requestId) {
        return new IamXml(action, false).end(requestId);
    }

    IamXml open(String name) {
        indent().append('<').append(name).append(">\n");
        depth++;
        return this;
    }

    IamXml close(String name) {
        depth--;
        indent().append("</").append(name).append(">\n");
        return this;
    }

    /** An element with text; nothing if {@code text} is {@code null}, as AWS leaves out unset members. */
    IamXml element(String name, Object text) {
        if (text != null) {
            indent().append('<').append(name).append('>').append(escape(text.toString())).append("</").append(name)
                    .append(">\n");
        }
        return this;
    }

    String end(String requestId) {
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

    static String escape(String text) {
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
