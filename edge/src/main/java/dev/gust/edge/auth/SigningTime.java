package dev.gust.edge.auth;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The time a request was signed: its timestamp in ISO-8601 basic format ({@code 20240101T000000Z}, as it goes
 * into the string to sign) and as epoch seconds. Immutable.
 *
 * @param basic the timestamp as {@code yyyyMMdd'T'HHmmss'Z'}
 * @param epochSecond the same instant in seconds since the epoch
 */
record SigningTime(String basic, long epochSecond) {

    /** How far a request's time may be from the server's, both ways, as AWS allows. */
    static final long ALLOWED_SKEW_SECONDS = 15 * 60;

    /**
     * Parses an {@code X-Amz-Date} value; a {@code Date} header may also use the HTTP date format
     * ({@code Mon, 01 Jan 2024 00:00:00 GMT}).
     */
    static SigningTime parse(String value, boolean isDateHeader) {
        if (value.length() == 16 && value.charAt(8) == 'T' && value.charAt(15) == 'Z') {
            long epochSecond = basicToEpochSecond(value);
            if (epochSecond != Long.MIN_VALUE) {
                return new SigningTime(value, epochSecond);
            }
        }
        if (isDateHeader) {
            try {
                long epochSecond = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
                return new SigningTime(format(epochSecond), epochSecond);
            } catch (DateTimeException e) {
                // falls through to AWS's message
            }
        }
        throw AuthErrors.incomplete("Date must be in ISO-8601 'basic format'. Got '" + value
                + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    /** The {@code yyyyMMdd} day, as the credential scope must name it. */
    String date() {
        return basic.substring(0, 8);
    }

    /**
     * Fails unless {@code now} is at most {@code maxAgeSeconds} after this time and at most
     * {@link #ALLOWED_SKEW_SECONDS} before it.
     */
    void requireCurrent(Instant now, long maxAgeSeconds) {
        long nowSecond = now.getEpochSecond();
        if (epochSecond < nowSecond - maxAgeSeconds) {
            throw AuthErrors.invalid("Signature expired: " + basic + " is now earlier than "
                    + format(nowSecond - maxAgeSeconds) + " (" + format(nowSecond) + " - " + duration(maxAgeSeconds) + ")");
        }
        if (epochSecond > nowSecond + ALLOWED_SKEW_SECONDS) {
            throw AuthErrors.invalid("Signature not yet current: " + basic + " is still later than "
                    + format(nowSecond + ALLOWED_SKEW_SECONDS) + " (" + format(nowSecond) + " + "
                    + duration(ALLOWED_SKEW_SECONDS) + ")");
        }
    }

    static String format(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(16);
        pad(out, t.getYear(), 4);
        pad(out, t.getMonthValue(), 2);
        pad(out, t.getDayOfMonth(), 2);
        out.append('T');
        pad(out, t.getHour(), 2);
        pad(out, t.getMinute(), 2);
        pad(out, t.getSecond(), 2);
        return out.append('Z').toString();
    }

    private static String duration(long seconds) {
        return seconds % 60 == 0 ? seconds / 60 + " min." : seconds + " sec.";
    }

    private static void pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        out.repeat('0', Math.max(0, width - digits.length())).append(digits);
    }

    /** Epoch seconds of {@code yyyyMMdd'T'HHmmss'Z'}, or {@link Long#MIN_VALUE} if it is not a valid time. */
    private static long basicToEpochSecond(String s) {
        int year = digits(s, 0, 4);
        int month = digits(s, 4, 6);
        int day = digits(s, 6, 8);
        int hour = digits(s, 9, 11);
        int minute = digits(s, 11, 13);
        int second = digits(s, 13, 15);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        try {
            return LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second;
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
