package dev.gust.sts;

import dev.gust.core.credentials.RoleSessions.SessionCredentials;
import dev.gust.edge.Caller;
import dev.gust.edge.QueryXml;
import java.time.format.DateTimeFormatter;

/**
 * Writes STS's XML responses as AWS shapes them: {@code <XResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
 * <XResult>...</XResult><ResponseMetadata><RequestId/></ResponseMetadata></XResponse>}, indented by two spaces.
 * Stateless.
 */
final class StsXml {

    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    /** The content type AWS answers STS's responses and errors with. */
    static final String CONTENT_TYPE = QueryXml.CONTENT_TYPE;

    private StsXml() {
    }

    /** The {@code GetCallerIdentity} response for {@code caller}. */
    static String callerIdentity(Caller caller, String requestId) {
        QueryXml xml = QueryXml.result(NAMESPACE, "GetCallerIdentity");
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
        QueryXml xml = QueryXml.result(NAMESPACE, "AssumeRole");
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
        return QueryXml.escape(text);
    }
}
