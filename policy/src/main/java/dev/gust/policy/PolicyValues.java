package dev.gust.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * How the policy language reads numbers, dates and booleans: in a policy (where a value IAM cannot read makes the
 * document malformed) and in a request (where it makes the condition not match).
 */
final class PolicyValues {

    /** IAM's message for a value that is well-formed JSON but not a valid number, date or address. */
    static final String LEGACY_PARSING = "The policy failed legacy parsing";

    private PolicyValues() {
    }

    static BigDecimal number(String value) {
        BigDecimal number = numberOrNull(value);
        if (number == null) {
            throw new MalformedPolicyException(LEGACY_PARSING);
        }
        return number;
    }

    static BigDecimal numberOrNull(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean bool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new MalformedPolicyException(LEGACY_PARSING);
    }

    /** A date in a policy: epoch seconds, or an ISO 8601 date or date-time (UTC when it has no offset). */
    static long epochMillis(String value) {
        Long millis = epochMillisOrNull(value);
        if (millis == null) {
            throw new MalformedPolicyException(LEGACY_PARSING);
        }
        return millis;
    }

    static Long epochMillisOrNull(String value) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Math.multiplyExact(Long.parseLong(text), 1000L);
            } catch (NumberFormatException | ArithmeticException e) {
                return null;
            }
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant().toEpochMilli()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
