package dev.gust.sts;

import dev.gust.edge.CredentialsResolver;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves the temporary credentials STS issued ({@code ASIA...} access key ids) from their session tokens alone:
 * no lookup, no storage. Leaves every other access key id to the next resolver. Thread-safe; runs on event loops.
 */
public final class SessionCredentialsResolver implements CredentialsResolver {

    /** The prefix of every temporary access key id, on AWS and here. */
    static final String TEMPORARY_PREFIX = "ASIA";

    private final SessionTokens tokens;

    public SessionCredentialsResolver(SessionTokens tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public Optional<ResolvedCredentials> resolve(String accessKeyId, String sessionToken) {
        if (accessKeyId == null || !accessKeyId.startsWith(TEMPORARY_PREFIX)) {
            return Optional.empty();
        }
        Session session = tokens.verify(accessKeyId, sessionToken);
        return Optional.of(new ResolvedCredentials(tokens.secretAccessKey(accessKeyId), session.caller()));
    }
}
