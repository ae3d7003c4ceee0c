package dev.gust.engine;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pool's acquire and release on the invoke path, without a process behind it: admission of an invocation
 * against the function's concurrency (a reserved and an unreserved {@link ConcurrencyPool}, looked up by name) and
 * taking then returning an idle instance of a provisioned set (here of plain objects, since an {@code Instance}
 * needs a real sandbox). In this package to reach the package-private engine types.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolAdmissionBenchmark {

    private ConcurrencyLimits limits;
    private ProvisionedInstances<Object> provisioned;

    @Setup
    public void setUp() {
        limits = new ConcurrencyLimits(1000);
        limits.reserve("reserved-function", 100);
        provisioned = new ProvisionedInstances<>();
        provisioned.target(8);
        for (int i = provisioned.toStart(); i > 0; i--) {
            provisioned.started(new Object());
        }
    }

    /** One invocation's admission and release for a function that shares the unreserved pool. */
    @Benchmark
    public boolean admitAndReleaseUnreserved() {
        return admitAndRelease("some-function");
    }

    /** The same for a function with reserved concurrency. */
    @Benchmark
    public boolean admitAndReleaseReserved() {
        return admitAndRelease("reserved-function");
    }

    private boolean admitAndRelease(String functionName) {
        ConcurrencyPool pool = limits.poolOf(functionName);
        boolean admitted = pool.tryAcquire();
        if (admitted) {
            pool.release();
        }
        return admitted;
    }

    /** Both on two threads at once: the compare-and-set under contention. */
    @Benchmark
    @Threads(2)
    public boolean admitAndReleaseUnreservedContended() {
        return admitAndReleaseUnreserved();
    }

    /** Taking an idle provisioned instance (preferring one on the caller's event loop) and giving it back. */
    @Benchmark
    public boolean takeAndReleaseProvisioned() {
        synchronized (provisioned) { // FunctionPool holds its own lock around both
            Object instance = provisioned.take(candidate -> false);
            return provisioned.release(instance);
        }
    }
}
