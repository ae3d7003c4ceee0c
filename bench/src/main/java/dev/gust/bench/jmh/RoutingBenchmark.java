package dev.gust.bench.jmh;

import dev.gust.core.Account;
import dev.gust.core.FunctionReference;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Naming the function an invoke is for: {@link FunctionReference#parse} of a plain name and of a qualified ARN, as
 * the invoke route does for every request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RoutingBenchmark {

    private final Account account = Account.defaults();

    @Benchmark
    public FunctionReference functionName() {
        return FunctionReference.parse("noop-provided", account);
    }

    @Benchmark
    public FunctionReference qualifiedArn() {
        return FunctionReference.parse("arn:aws:lambda:us-east-1:000000000000:function:noop-provided:$LATEST", account);
    }
}
