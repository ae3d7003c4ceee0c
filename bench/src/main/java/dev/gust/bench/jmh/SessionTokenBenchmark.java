package dev.gust.bench.jmh;

import dev.gust.core.credentials.RoleSessions.SessionCredentials;
import dev.gust.edge.CredentialsResolver.ResolvedCredentials;
import dev.gust.edge.OperationKind;
import dev.gust.sts.ExecutionRoleSessions;
import dev.gust.sts.SessionCredentialsResolver;
import dev.gust.sts.SessionTokens;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the edge pays, on the event loop, to resolve temporary credentials from their session token (verify the
 * token's MAC, read it, derive the secret), and what opening a session costs. Decides that verified tokens need no
 * cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SessionTokenBenchmark {

    private SessionCredentialsResolver resolver;
    private ExecutionRoleSessions sessions;
    private SessionCredentials credentials;

    @Setup
    public void setUp() {
        SessionTokens tokens = new SessionTokens("gust-bench-secret-0123456789", InstantSource.system());
        resolver = new SessionCredentialsResolver(tokens);
        sessions = new ExecutionRoleSessions(tokens, OperationKind.DATA);
        credentials = sessions.open("arn:aws:iam::000000000000:role/service-role/lambda-role", "noop-python",
                Duration.ofHours(12));
    }

    @Benchmark
    public ResolvedCredentials resolveSessionToken() {
        return resolver.resolve(credentials.accessKeyId(), credentials.sessionToken()).orElseThrow();
    }

    @Benchmark
    public SessionCredentials openSession() {
        return sessions.open("arn:aws:iam::000000000000:role/service-role/lambda-role", "noop-python",
                Duration.ofHours(12));
    }
}
