package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.async.DeliveryCounters.Outcome;
import org.junit.jupiter.api.Test;

class DeliveryCountersTest {

    @Test
    void countsEachFunctionsOutcomes() {
        DeliveryCounters counters = new DeliveryCounters();
        counters.count("hello", Outcome.DELIVERED);
        counters.count("hello", Outcome.DELIVERED);
        counters.count("hello", Outcome.RETRIED);

        assertThat(counters.snapshot().get("hello"))
                .containsEntry("delivered", 2L).containsEntry("retried", 1L).containsEntry("dropped", 0L);
    }

    @Test
    void functionsBeyondTheBoundAreCountedTogetherSoTheMapStopsGrowing() {
        DeliveryCounters counters = new DeliveryCounters(3);
        for (int i = 0; i < 100; i++) {
            counters.count("function-" + i, Outcome.DROPPED);
        }
        counters.count("function-0", Outcome.DELIVERED);

        assertThat(counters.snapshot()).hasSize(4).containsKeys("function-0", "function-1", "function-2",
                DeliveryCounters.OTHERS);
        assertThat(counters.snapshot().get(DeliveryCounters.OTHERS)).containsEntry("dropped", 97L);
        assertThat(counters.snapshot().get("function-0")).containsEntry("delivered", 1L);
    }
}
