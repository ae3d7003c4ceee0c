package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncSettingsTest {

    private final AsyncSettings settings = new AsyncSettings(4, 2, List.of(Duration.ofSeconds(60),
            Duration.ofSeconds(120)), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(100),
            Duration.ofMinutes(16));

    @Test
    void retriesWaitTheirDelayAndTheLastOneRepeats() {
        assertThat(settings.retryDelay(1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.retryDelay(2)).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.retryDelay(5)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        assertThat(List.of(1, 2, 3, 4, 5, 60).stream().map(settings::backoff).toList()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }
}
