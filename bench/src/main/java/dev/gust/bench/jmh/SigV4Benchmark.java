package dev.gust.bench.jmh;

import dev.gust.edge.auth.Credentials;
import dev.gust.edge.auth.RequestHeaders;
import dev.gust.edge.auth.SigV4Verifier;
import dev.gust.edge.auth.SignedRequest;
import dev.gust.bench.SigV4Signer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

/** SigV4 verification of a signed {@code Invoke} request with a small JSON body, as the invoke path does it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigV4Benchmark {

    private SigV4Verifier verifier;
    private SignedRequest request;

    @Setup
    public void setUp() {
        SigV4Signer signer = new SigV4Signer("AKIDGUSTBENCH0001", "gust-bench-secret", "us-east-1");
        String path = "/2015-03-31/functions/noop-provided/invocations";
        byte[] body = "{\"key\":\"value\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signer.sign("POST", "127.0.0.1:9070", path, "", body).forEach((k, v) -> headers.put(k, List.of(v)));
        headers.put("Host", List.of("127.0.0.1:9070"));
        headers.put("Content-Type", List.of("application/json"));
        verifier = new SigV4Verifier(new Credentials("AKIDGUSTBENCH0001", "gust-bench-secret"), "us-east-1", "lambda",
                Clock.systemUTC());
        request = SignedRequest.of("POST", path, "", RequestHeaders.of(headers), body);
        verifier.verify(request);
    }

    @Benchmark
    public SignedRequest verifyInvoke() {
        verifier.verify(request);
        return request;
    }
}
