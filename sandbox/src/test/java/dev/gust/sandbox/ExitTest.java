package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitTest {

    @Test
    void statusAbove128MeansKilledBySignal() {
        Exit exit = Exit.of(137, true);

        assertThat(exit.signal()).hasValue(9);
        assertThat(exit.outOfMemory()).isTrue();
        assertThat(exit.describe()).isEqualTo("signal: killed");
    }

    @Test
    void ordinaryStatusHasNoSignal() {
        Exit exit = Exit.of(1, false);

        assertThat(exit.signal()).isEmpty();
        assertThat(exit.describe()).isEqualTo("exit status 1");
    }

    @Test
    void describesSignalsAsLambdaDoes() {
        assertThat(Exit.of(128 + 11, false).describe()).isEqualTo("signal: segmentation fault");
        assertThat(Exit.of(128 + 15, false).describe()).isEqualTo("signal: terminated");
        assertThat(Exit.of(128 + 31, false).describe()).isEqualTo("signal: signal 31");
    }

    @Test
    void statusOutsideTheSignalRangeIsAPlainStatus() {
        assertThat(Exit.of(128, false).signal()).isEmpty();
        assertThat(Exit.of(255, false).signal()).isEmpty();
    }
}
