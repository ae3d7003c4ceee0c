package dev.gust.core.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Opens sessions of IAM roles: the seam through which the engine gets the temporary credentials that Lambda puts in
 * every instance's environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}).
 * Implemented by STS; the engine knows only this interface. Thread-safe; never blocks on I/O.
 */
@FunctionalInterface
public interface RoleSessions {

    /**
     * Temporary credentials of a session of {@code roleArn}, valid for {@code duration} from now, that the edge
     * accepts until they expire.
     *
     * @param roleArn the role, such as a function's execution role {@code arn:aws:iam::000000000000:role/lambda-role}
     * @param sessionName the session's name, as Lambda names it: the function's name
     */
    SessionCredentials open(String roleArn, String sessionName, Duration duration);

    /**
     * A key pair with its session token and expiry. {@link #toString()} never shows the secret or the token.
     *
     * @param accessKeyId {@code ASIA...}
     * @param secretAccessKey the secret half
     * @param sessionToken the token that must accompany every request signed with the pair
     * @param expiration when the edge stops accepting them
     */
    record SessionCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

        public SessionCredentials {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            Objects.requireNonNull(sessionToken, "sessionToken");
            Objects.requireNonNull(expiration, "expiration");
        }

        @Override
        public String toString() {
            return "SessionCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
        }
    }
}
