package dev.gust.eventsources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PollerScalingTest {

    private static int grown(PollerScaling scaling, long nowMillis, int attempts) {
        int grown = 0;
        for (int i = 0; i < attempts; i++) {
            if (scaling.tryGrow(nowMillis)) {
                grown++;
            }
        }
        return grown;
    }

    @Test
    void growsByFiveAtOnceThenOneEveryTwoHundredMilliseconds() {
        PollerScaling scaling = new PollerScaling(null);

        assertThat(grown(scaling, 1_000, 10)).isEqualTo(5);
        assertThat(grown(scaling, 1_199, 10)).isZero();
        assertThat(grown(scaling, 1_200, 10)).isEqualTo(1);
        assertThat(grown(scaling, 1_600, 10)).isEqualTo(2);
        assertThat(grown(scaling, 60_000, 10)).isEqualTo(5);
        assertThat(scaling.loops()).isEqualTo(13);
    }

    @Test
    void neverGrowsBeyondTheMaximumConcurrency() {
        PollerScaling scaling = new PollerScaling(2);

        assertThat(grown(scaling, 1_000, 10)).isEqualTo(2);
        assertThat(scaling.excess()).isFalse();
    }

    @Test
    void aThrottleLowersTheCeilingBelowTheRunningLoopsAndInvocationsRaiseIt() {
        PollerScaling scaling = new PollerScaling(null);
        grown(scaling, 1_000, 5);

        scaling.throttled();
        assertThat(scaling.excess()).isTrue();
        scaling.ended();
        assertThat(scaling.excess()).isFalse();
        assertThat(scaling.tryAdd()).isFalse();

        scaling.invoked();
        assertThat(scaling.tryAdd()).isTrue();
    }
}
