package dev.gust.edge.auth;

import java.util.Objects;

/**
 * The access key pair that requests must be signed with. Immutable; {@link #toString()} never shows the secret.
 *
 * @param accessKeyId the public half, sent in every request's credential scope
 * @param secretAccessKey the private half, never sent
 */
public record Credentials(String accessKeyId, String secretAccessKey) {

    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("access key id and secret access key must not be empty");
        }
    }

    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
    }
}
