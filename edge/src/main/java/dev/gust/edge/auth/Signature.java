package dev.gust.edge.auth;

/**
 * A request's SigV4 signature, parsed and checked for form and time but not yet matched against a secret: what the
 * edge needs to pick the service and find the credentials before it reads the body. Immutable.
 */
public final class Signature {

    private final SignatureParameters parameters;
    private final QueryString query;
    private final SigningTime time;
    private final String[] signedHeaderNames;
    private final CredentialScope scope;
    private final String sessionToken;

    Signature(SignatureParameters parameters, QueryString query, SigningTime time, String[] signedHeaderNames,
            CredentialScope scope, String sessionToken) {
        this.parameters = parameters;
        this.query = query;
        this.time = time;
        this.signedHeaderNames = signedHeaderNames;
        this.scope = scope;
        this.sessionToken = sessionToken;
    }

    /** The access key id the request was signed with. */
    public String accessKeyId() {
        return scope.accessKeyId();
    }

    /** The service named in the credential scope, such as {@code lambda}: it selects the hosted service. */
    public String service() {
        return scope.service();
    }

    /** The region named in the credential scope, such as {@code us-east-1}: the region the request acts in. */
    public String region() {
        return scope.region();
    }

    /** The {@code X-Amz-Security-Token} header or query parameter, or {@code null}. */
    public String sessionToken() {
        return sessionToken;
    }

    SignatureParameters parameters() {
        return parameters;
    }

    QueryString query() {
        return query;
    }

    SigningTime time() {
        return time;
    }

    String[] signedHeaderNames() {
        return signedHeaderNames;
    }

    CredentialScope scope() {
        return scope;
    }
}
