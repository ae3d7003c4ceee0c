package dev.gust.sts;

import dev.gust.core.credentials.RoleSessions.SessionCredentials;
import dev.gust.edge.Caller;
import java.time.format.DateTimeFormatter;

/**
 * Writes STS's XML responses as AWS shapes them: {@code <XResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
 * <XResult>...</XResult><ResponseMetadata><RequestId/></ResponseMetadata></XResponse>}, indented by two spaces.
 * Stateless.
 */
final class StsXml {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    /** The content type AWS answers STS's responses and errors with. */
    static final String CONTENT_TYPE = "text/xml";

    private StsXml() {
    }

    /** The {@code GetCallerIdentity} response for {@code caller}. */
    static String callerIdentity(Caller caller, String requestId) {
        Writer xml = new Writer("GetCallerIdentity");
        xml.element("Arn", caller.arn()).element("UserId", caller.userId()).element("Account", caller.accountId());
        return xml.end(requestId);
    }

    /**
     * The {@code AssumeRole} response for a session just opened.
     *
     * @param packedPolicySize the percentage of the packed-policy allowance the session policy used, or {@code null}
     *     when the request had no policy (AWS then leaves the element out)
     */
    static String assumeRole(SessionTokens.IssuedSession issued, Integer packedPolicySize, String requestId) {
        Writer xml = new Writer("AssumeRole");
        Session session = issued.session();
        SessionCredentials credentials = issued.credentials();
        xml.open("AssumedRoleUser")
                .element("AssumedRoleId", session.assumedRoleId())
                .element("Arn", session.assumedRoleArn())
                .close("AssumedRoleUser");
        xml.open("Credentials")
                .element("AccessKeyId", credentials.accessKeyId())
                .element("SecretAccessKey", credentials.secretAccessKey())
                .element("SessionToken", credentials.sessionToken())
                .element("Expiration", DateTimeFormatter.ISO_INSTANT.format(credentials.expiration()))
                .close("Credentials");
        if (packedPolicySize != null) {
            xml.element("PackedPolicySize", packedPolicySize.toString());
        }
        return xml.end(requestId);
    }

    /** Escapes text for an XML element's content. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&apos;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    /** One response being written: the envelope is opened on construction and closed by {@link #end}. */
    private static final class Writer {

        private final StringBuilder s = new StringBuilder(1024);
        private final String operation;
        private int depth = 2;

        Writer(String operation) {
            this.operation = operation;
            s.append('<').append(operation).append("Response xmlns=\"").append(NAMESPACE).append("\">\n");
            s.append("  <").append(operation).append("Result>\n");
        }

        Writer open(String name) {
            indent().append('<').append(name).append(">\n");
            depth++;
            return this;
        }

        Writer close(String name) {
            depth--;
            indent().append("</").append(name).append(">\n");
            return this;
        }

        Writer element(String name, String text) {
            indent().append('<').append(name).append('>').append(escape(text)).append("</").append(name).append(">\n");
            return this;
        }

        String end(String requestId) {
            s.append("  </").append(operation).append("Result>\n");
            s.append("  <ResponseMetadata>\n    <RequestId>").append(escape(requestId)).append("</RequestId>\n");
            s.append("  </ResponseMetadata>\n</").append(operation).append("Response>\n");
            return s.toString();
        }

        private StringBuilder indent() {
            return s.append("  ".repeat(depth));
        }
    }
}
