package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightCountsTest {

    @Test
    void forgetsAFunctionOnceItsLastDeliveryEnds() {
        InFlightCounts counts = new InFlightCounts();
        for (int i = 0; i < 1000; i++) {
            counts.started("function-" + i);
            counts.started("function-" + i);
        }
        for (int i = 0; i < 1000; i++) {
            counts.ended("function-" + i);
        }
        assertThat(counts.functions()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            counts.ended("function-" + i);
        }
        assertThat(counts.functions()).isZero();
    }

    @Test
    void namesTheFunctionsAtTheirLimit() {
        InFlightCounts counts = new InFlightCounts();
        counts.started("busy");
        counts.started("busy");
        counts.started("calm");
        assertThat(counts.atLeast(2)).containsExactly("busy");
        counts.ended("busy");
        assertThat(counts.atLeast(2)).isEmpty();
        counts.ended("unknown"); // never started: nothing changes
        assertThat(counts.functions()).isEqualTo(2);
    }
}
