package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SurvivingTaskTest {

    @Test
    void aPeriodicTaskRunsAgainAfterItThrew() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch thirdRun = new CountDownLatch(3);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.scheduleWithFixedDelay(new SurvivingTask("test", () -> {
                thirdRun.countDown();
                if (runs.incrementAndGet() == 1) {
                    throw new IllegalStateException("the first run fails");
                }
            }), 0, 1, TimeUnit.MILLISECONDS);
            assertThat(thirdRun.await(10, TimeUnit.SECONDS)).as("runs after the failure").isTrue();
        } finally {
            timer.shutdownNow();
        }
    }
}
