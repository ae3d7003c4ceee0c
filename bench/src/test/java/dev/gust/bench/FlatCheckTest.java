package dev.gust.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's "stays flat" judgement on synthetic samples. */
class FlatCheckTest {

    private static List<ServerFootprint> samples(int count, long fdsGrowthPerSample) {
        List<ServerFootprint> samples = new ArrayList<>();
        samples.add(new ServerFootprint(100_000, 40, 30, 0, 0, 2_000, 0)); // before the load
        for (int i = 0; i < count; i++) {
            samples.add(new ServerFootprint(300_000 + (i % 2) * 10_000, 200 + i * fdsGrowthPerSample, 60 + i % 3,
                    12 + i % 2, 6 + i % 2, 4_000, i * 100L));
        }
        return samples;
    }

    @Test
    void steadyNoiseStaysFlat() {
        ObjectNode check = FlatCheck.judge(samples(30, 0), Duration.ofMinutes(1));

        assertThat(check.path("pass").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.path("window_samples").asLong()).isEqualTo(10);
    }

    @Test
    void aDescriptorLeakIsNotFlat() {
        ObjectNode check = FlatCheck.judge(samples(30, 3), Duration.ofMinutes(1));

        assertThat(check.path("pass").asBoolean()).isFalse();
        assertThat(check.path("fds").path("flat").asBoolean()).isFalse();
        assertThat(check.path("fds").path("first_max").asLong()).isEqualTo(227);
        assertThat(check.path("fds").path("last_max").asLong()).isEqualTo(287);
        assertThat(check.path("rss_kb").path("flat").asBoolean()).isTrue();
    }

    @Test
    void theSampleBeforeTheLoadDoesNotCountAndWindowsAreAThirdOfAShortRun() {
        ObjectNode check = FlatCheck.judge(samples(6, 0), Duration.ofSeconds(3));

        assertThat(check.path("window_samples").asLong()).isEqualTo(2);
        assertThat(check.path("rss_kb").path("first_max").asLong()).isEqualTo(310_000);
    }

    @Test
    void noSamplesUnderLoadIsAFailure() {
        assertThat(FlatCheck.judge(samples(0, 0), Duration.ofMinutes(1)).path("pass").asBoolean()).isFalse();
    }
}
