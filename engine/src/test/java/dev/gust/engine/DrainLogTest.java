package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrainLogTest {

    @Test
    void aLoadSeesADrainThatHappenedWhileItRan() {
        DrainLog<String> log = new DrainLog<>();
        long load = log.loadStarted();
        assertThat(log.drainedSince("f", load)).isFalse();
        log.drained("f");
        assertThat(log.drainedSince("f", load)).isTrue();
        assertThat(log.drainedSince("g", load)).isFalse();
        log.loadEnded(load);
    }

    @Test
    void aLoadDoesNotSeeADrainFromBeforeItStarted() {
        DrainLog<String> log = new DrainLog<>();
        long early = log.loadStarted();
        log.drained("f");
        long late = log.loadStarted();
        assertThat(log.drainedSince("f", late)).isFalse();
        assertThat(log.drainedSince("f", early)).isTrue();
    }

    @Test
    void forgetsEveryDrainOnceNoLoadThatCouldSeeItRuns() {
        DrainLog<String> log = new DrainLog<>();
        for (int i = 0; i < 10_000; i++) {
            log.drained("function-" + i);
        }
        assertThat(log.size()).isZero();
        long load = log.loadStarted();
        log.drained("a");
        log.drained("b");
        assertThat(log.size()).isEqualTo(2);
        log.loadEnded(load);
        assertThat(log.size()).isZero();
    }
}
