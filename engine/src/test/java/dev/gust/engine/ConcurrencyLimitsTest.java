package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitsTest {

    @Test
    void unreservedFunctionsShareTheWholeAccountLimit() {
        ConcurrencyLimits limits = new ConcurrencyLimits(3);

        assertThat(acquire(limits, "a", 2)).isEqualTo(2);
        assertThat(acquire(limits, "b", 5)).as("only one unit left for b").isEqualTo(1);
        assertThat(limits.poolOf("c").throttled()).satisfies(e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.errorType()).isEqualTo("TooManyRequestsException");
            assertThat(e.getMessage()).isEqualTo("Rate Exceeded.");
            assertThat(e.reason()).isEqualTo("ConcurrentInvocationLimitExceeded");
        });
    }

    @Test
    void aReservedFunctionRunsAtMostItsReservation() {
        ConcurrencyLimits limits = new ConcurrencyLimits(10);
        limits.reserve("reserved", 2);

        assertThat(acquire(limits, "reserved", 5)).isEqualTo(2);
        LambdaException throttled = limits.poolOf("reserved").throttled();
        assertThat(throttled.reason()).isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
        assertThat(throttled.getMessage()).isEqualTo("Rate Exceeded.");
    }

    @Test
    void reservedCapacityIsNotAvailableToOtherFunctions() {
        ConcurrencyLimits limits = new ConcurrencyLimits(10);
        limits.reserve("reserved", 4);

        assertThat(acquire(limits, "other", 20)).isEqualTo(6);
        assertThat(acquire(limits, "reserved", 20)).as("the reservation is still whole").isEqualTo(4);
    }

    @Test
    void theSameNameInTwoNamespacesReservesTwiceOutOfTheOneLimit() {
        ConcurrencyLimits limits = new ConcurrencyLimits(10);
        Account virginia = new Account("000000000000", "us-east-1");
        Account ireland = new Account("000000000000", "eu-west-1");

        limits.in(virginia).reserve("x", 3);
        limits.in(ireland).reserve("x", 4);

        assertThat(limits.in(virginia).find("x")).hasValue(3);
        assertThat(limits.in(ireland).find("x")).hasValue(4);
        assertThat(limits.in(new Account("111122223333", "us-east-1")).find("x")).isEmpty();
        assertThat(limits.in(ireland).totalReserved()).isEqualTo(7);
        assertThat(acquire(limits, virginia.functionArn("x"), 20)).isEqualTo(3);
        assertThat(acquire(limits, "arn:aws:lambda:us-east-1:000000000000:function:other", 20))
                .as("what no namespace reserved").isEqualTo(3);
        limits.in(ireland).unreserve("x");
        assertThat(limits.find(ireland.functionArn("x"))).isEmpty();
        assertThat(limits.find(virginia.functionArn("x"))).hasValue(3);
    }

    @Test
    void zeroReservedConcurrencyThrottlesEverything() {
        ConcurrencyLimits limits = new ConcurrencyLimits(10);
        limits.reserve("off", 0);

        assertThat(acquire(limits, "off", 1)).isZero();
        assertThat(limits.find("off")).isEqualTo(OptionalInt.of(0));
        assertThat(limits.totalReserved()).isZero();
        assertThat(acquire(limits, "other", 20)).isEqualTo(10);
    }

    @Test
    void replacingAndRemovingAReservationResizesTheUnreservedPool() {
        ConcurrencyLimits limits = new ConcurrencyLimits(10);
        limits.reserve("a", 3);
        limits.reserve("b", 2);
        assertThat(limits.totalReserved()).isEqualTo(5);
        assertThat(limits.poolOf("other").limit()).isEqualTo(5);

        limits.reserve("a", 1);
        assertThat(limits.totalReserved()).isEqualTo(3);
        assertThat(limits.poolOf("other").limit()).isEqualTo(7);

        limits.unreserve("b");
        limits.unreserve("b");
        assertThat(limits.find("b")).isEmpty();
        assertThat(limits.totalReserved()).isEqualTo(1);
        assertThat(limits.poolOf("b")).isSameAs(limits.poolOf("other"));
        assertThat(limits.poolOf("other").limit()).isEqualTo(9);
    }

    @Test
    void reservationsBeyondTheLimitLeaveAnEmptyUnreservedPoolNotANegativeOne() {
        ConcurrencyLimits limits = new ConcurrencyLimits(4);
        limits.reserve("a", 3);
        limits.reserve("b", 3);

        assertThat(limits.poolOf("other").limit()).isZero();
        assertThat(acquire(limits, "other", 1)).isZero();
    }

    @Test
    void aReleaseGoesBackToThePoolItCameFromEvenAfterTheReservationChanged() {
        ConcurrencyLimits limits = new ConcurrencyLimits(10);
        ConcurrencyPool unreserved = limits.poolOf("f");
        assertThat(unreserved.tryAcquire()).isTrue();

        limits.reserve("f", 1);
        ConcurrencyPool reserved = limits.poolOf("f");
        assertThat(reserved.tryAcquire()).isTrue();
        unreserved.release();

        assertThat(unreserved.inFlight()).isZero();
        assertThat(reserved.inFlight()).isEqualTo(1);
        assertThat(reserved.tryAcquire()).as("the reservation of 1 is in use").isFalse();
    }

    @Test
    void refusesNegativeReservationsAndAnEmptyAccount() {
        assertThatThrownBy(() -> new ConcurrencyLimits(10).reserve("f", -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConcurrencyLimits(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentAcquiresNeverExceedAnyLimit() throws Exception {
        ConcurrencyLimits limits = new ConcurrencyLimits(6);
        limits.reserve("reserved", 2);
        String[] functions = {"reserved", "a", "b"};
        AtomicInteger reservedRunning = new AtomicInteger();
        AtomicInteger unreservedRunning = new AtomicInteger();
        AtomicInteger reservedPeak = new AtomicInteger();
        AtomicInteger unreservedPeak = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(12)) {
            for (int t = 0; t < 12; t++) {
                String function = functions[t % functions.length];
                AtomicInteger running = function.equals("reserved") ? reservedRunning : unreservedRunning;
                AtomicInteger peak = function.equals("reserved") ? reservedPeak : unreservedPeak;
                workers.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 20_000; i++) {
                        ConcurrencyPool pool = limits.poolOf(function);
                        if (pool.tryAcquire()) {
                            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                            Thread.onSpinWait();
                            running.decrementAndGet();
                            pool.release();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        }

        // four threads compete for the reservation of 2, eight for the unreserved 4
        assertThat(reservedPeak.get()).isBetween(1, 2);
        assertThat(unreservedPeak.get()).isBetween(1, 4);
        assertThat(limits.poolOf("reserved").inFlight()).isZero();
        assertThat(limits.poolOf("a").inFlight()).isZero();
    }

    /** Acquires up to {@code attempts} units for the function without releasing; returns how many it got. */
    @Test
    void provisionedConcurrencyOfAnUnreservedFunctionIsHeldOutOfTheUnreservedPool() {
        ConcurrencyLimits limits = new ConcurrencyLimits(10);
        limits.provision("warm", 3);

        assertThat(limits.provisioned("warm")).isEqualTo(3);
        assertThat(limits.provisionedWithoutReservation()).isEqualTo(3);
        assertThat(acquire(limits, "other", 20)).isEqualTo(7);

        limits.provision("warm", 0);
        assertThat(limits.provisionedWithoutReservation()).isZero();
        assertThat(acquire(limits, "other", 20)).as("the held units are free again").isEqualTo(3);
    }

    @Test
    void provisionedConcurrencyOfAReservedFunctionIsHeldOutOfItsReservation() {
        ConcurrencyLimits limits = new ConcurrencyLimits(10);
        limits.provision("warm", 2);
        limits.reserve("warm", 2);

        assertThat(acquire(limits, "warm", 5)).as("all of the reservation is provisioned").isZero();
        assertThat(limits.find("warm")).isEqualTo(OptionalInt.of(2));
        assertThat(limits.provisionedWithoutReservation()).isZero();
        assertThat(acquire(limits, "other", 20)).isEqualTo(8);

        limits.reserve("warm", 5);
        assertThat(acquire(limits, "warm", 5)).isEqualTo(3);
        limits.unreserve("warm");
        assertThat(limits.provisionedWithoutReservation()).as("back in the unreserved pool").isEqualTo(2);
    }

    private static int acquire(ConcurrencyLimits limits, String function, int attempts) {
        int acquired = 0;
        for (int i = 0; i < attempts; i++) {
            if (limits.poolOf(function).tryAcquire()) {
                acquired++;
            }
        }
        return acquired;
    }
}
