package dev.gust.edge.auth;

import dev.gust.edge.Caller;
import dev.gust.edge.CredentialsResolver;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link CredentialsResolver} of one long-term key pair and the identity behind it, such as the server's own
 * key pair, whose caller is the account's root. A session token sent along is ignored, as it was before the edge
 * existed: shells that still export an old {@code AWS_SESSION_TOKEN} keep working. Immutable and thread-safe.
 */
public final class KeyPairResolver implements CredentialsResolver {

    private final String accessKeyId;
    private final Optional<ResolvedCredentials> resolved;

    public KeyPairResolver(Credentials credentials, Caller caller) {
        Objects.requireNonNull(credentials, "credentials");
        this.accessKeyId = credentials.accessKeyId();
        this.resolved = Optional.of(new ResolvedCredentials(credentials.secretAccessKey(), caller));
    }

    @Override
    public Optional<ResolvedCredentials> resolve(String accessKeyId, String sessionToken) {
        return this.accessKeyId.equals(accessKeyId) ? resolved : Optional.empty();
    }

    @Override
    public String toString() {
        return "KeyPairResolver[accessKeyId=" + accessKeyId + "]";
    }
}
