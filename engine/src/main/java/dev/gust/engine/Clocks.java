package dev.gust.engine;

import java.time.InstantSource;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The engine's two clocks, injected so that tests can drive time: the wall clock (deadlines, log stream names,
 * timestamps) and a monotonic ticker in nanoseconds (durations, idle times).
 *
 * @param wall the wall clock
 * @param ticker monotonic nanoseconds, like {@link System#nanoTime()}
 */
public record Clocks(InstantSource wall, LongSupplier ticker) {

    /** The system's clocks. */
    public static final Clocks SYSTEM = new Clocks(InstantSource.system(), System::nanoTime);

    public Clocks {
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(ticker, "ticker");
    }

    /** The ticker's current value. */
    public long nanos() {
        return ticker.getAsLong();
    }
}
