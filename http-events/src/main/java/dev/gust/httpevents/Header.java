package dev.gust.httpevents;

import java.util.Objects;

/** One HTTP header field, its name as sent or to be sent. */
public record Header(String name, String value) {

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
