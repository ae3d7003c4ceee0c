package dev.gust.core;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Lambda's timestamp format for {@code LastModified}: {@code 2024-01-31T12:34:56.789+0000}. */
public final class LambdaTimestamps {

    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private LambdaTimestamps() {
    }

    public static String lastModified(Instant instant) {
        return LAST_MODIFIED.format(instant);
    }
}
