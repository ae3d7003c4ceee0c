package dev.gust.engine;

import dev.gust.core.FunctionConfiguration;
import dev.gust.core.credentials.RoleSessions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The variables through which unmodified SDK code inside an instance calls Gust: temporary credentials of a session
 * of the function's execution role ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_SESSION_TOKEN}), as Lambda sets them, and the address of Gust's edge ({@code AWS_ENDPOINT_URL}).
 *
 * <p>An instance's environment cannot change after it starts, so its credentials must outlive it: they are valid for
 * the instance's maximum lifetime, plus the longest invocation it may have begun just before (Lambda's longest
 * timeout), plus a margin. Minting is an HMAC (no I/O); it runs on the engine's virtual threads with the rest of the
 * instance start. Thread-safe.
 */
final class InstanceCredentials {

    /** Lambda's longest function timeout: an invocation begun just before the instance retires may last this long. */
    static final Duration LONGEST_INVOCATION = Duration.ofMinutes(15);
    /** Slack for the clocks of the edge and the engine, and for the reaper's period. */
    static final Duration MARGIN = Duration.ofMinutes(5);

    private final RoleSessions sessions;
    private final Supplier<String> endpointUrl;
    private final Duration validity;

    /**
     * @param sessions opens the sessions of execution roles
     * @param endpointUrl where an instance reaches Gust's edge, asked at each start (the server knows its port only
     *     once it listens; the supplier may block briefly until then)
     * @param maxLifetime the longest an instance lives
     */
    InstanceCredentials(RoleSessions sessions, Supplier<String> endpointUrl, Duration maxLifetime) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.endpointUrl = Objects.requireNonNull(endpointUrl, "endpointUrl");
        this.validity = validity(maxLifetime);
    }

    /** How long the credentials of an instance that lives at most {@code maxLifetime} must stay valid. */
    static Duration validity(Duration maxLifetime) {
        return maxLifetime.plus(LONGEST_INVOCATION).plus(MARGIN);
    }

    /**
     * Adds the variables of a new instance of {@code function} to its environment {@code env}: a fresh session of its
     * execution role, named after the function as Lambda names it, over any value already there; and the edge's
     * address unless {@code env} has one (the function's own {@code AWS_ENDPOINT_URL}, which AWS does not reserve).
     */
    void addTo(Map<String, String> env, FunctionConfiguration function) {
        addTo(env, function, Optional.empty());
    }

    /**
     * Adds the variables as {@link #addTo(Map, FunctionConfiguration)} does, with the edge at {@code ownEdgeUrl} when
     * the instance reaches it elsewhere than at the edge's own address (from its own network namespace).
     */
    void addTo(Map<String, String> env, FunctionConfiguration function, Optional<String> ownEdgeUrl) {
        RoleSessions.SessionCredentials credentials = sessions.open(function.role(), function.functionName(), validity);
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
        env.putIfAbsent("AWS_ENDPOINT_URL", ownEdgeUrl.orElseGet(endpointUrl));
    }
}
