package dev.gust.server.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The key pair a client command signs with: the server's, read from the data dir's {@code credentials} file, or else
 * the {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} (and {@code AWS_SESSION_TOKEN}) of the environment.
 * {@link #toString()} never shows the secret.
 *
 * @param accessKeyId the access key id
 * @param secretAccessKey the secret key
 * @param sessionToken the session token of temporary credentials, or {@code null}
 */
record ClientCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    ClientCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** The data dir's key pair if it has one, else the environment's, else empty. */
    static Optional<ClientCredentials> find(Path dataDir, Map<String, String> environment) throws IOException {
        Path file = dataDir.resolve("credentials");
        if (Files.isReadable(file)) {
            Properties stored = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stored.load(reader);
            }
            String id = stored.getProperty("aws_access_key_id");
            String secret = stored.getProperty("aws_secret_access_key");
            if (id != null && secret != null) {
                return Optional.of(new ClientCredentials(id, secret, null));
            }
        }
        String id = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null) {
            return Optional.empty();
        }
        return Optional.of(new ClientCredentials(id, secret, environment.get("AWS_SESSION_TOKEN")));
    }

    @Override
    public String toString() {
        return "ClientCredentials[accessKeyId=" + accessKeyId + "]";
    }
}
