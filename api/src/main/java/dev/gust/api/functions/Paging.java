package dev.gust.api.functions;

import dev.gust.core.LambdaException;

/** The {@code MaxItems} query parameter of Lambda's list operations. */
public final class Paging {

    private Paging() {
    }

    /**
     * Parses {@code MaxItems}, as AWS validates it.
     *
     * @param raw the parameter, or {@code null}
     * @param absent the value when the parameter is absent
     * @param max the largest value the operation accepts
     */
    public static int maxItems(String raw, int absent, int max) {
        if (raw == null) {
            return absent;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw LambdaException.validation("1 validation error detected: Value '" + raw + "' at 'maxItems' failed to "
                    + "satisfy constraint: Member must be a number");
        }
        if (value < 1 || value > max) {
            String bound = value < 1 ? "greater than or equal to 1" : "less than or equal to " + max;
            throw LambdaException.validation("1 validation error detected: Value '" + value + "' at 'maxItems' failed to "
                    + "satisfy constraint: Member must have value " + bound);
        }
        return value;
    }
}
