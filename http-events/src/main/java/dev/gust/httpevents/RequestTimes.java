package dev.gust.httpevents;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The request time as the events write it: {@code 12/Mar/2020:19:03:58 +0000} (UTC, English month names). */
final class RequestTimes {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private RequestTimes() {
    }

    static String format(Instant time) {
        return FORMAT.format(time);
    }
}
