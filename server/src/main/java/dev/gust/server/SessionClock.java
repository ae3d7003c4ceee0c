package dev.gust.server;

import java.time.Duration;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;

/**
 * The clock STS mints and verifies sessions with: the wall clock, unless the test-only JVM system property
 * {@value #OFFSET_PROPERTY} (an ISO-8601 duration such as {@code PT16M}) moves it. {@code StsIT} sets it on a
 * restarted server to see credentials expire without waiting STS's shortest session (15 minutes); it is not a
 * setting (docs/design/security.md). Stateless.
 */
final class SessionClock {

    static final String OFFSET_PROPERTY = "gust.sts.clock-offset";

    private SessionClock() {
    }

    /** {@code wall}, moved by the offset if the property is set. */
    static InstantSource of(InstantSource wall) {
        String offset = System.getProperty(OFFSET_PROPERTY);
        if (offset == null || offset.isBlank()) {
            return wall;
        }
        try {
            Duration shift = Duration.parse(offset.trim());
            return () -> wall.instant().plus(shift);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(OFFSET_PROPERTY + " must be an ISO-8601 duration such as PT16M, got '"
                    + offset + "'", e);
        }
    }
}
