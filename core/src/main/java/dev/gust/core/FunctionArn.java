package dev.gust.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's unqualified ARN, {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}: a function's key across
 * namespaces, where a bare name is not enough (the event queue's rows, the engine's reservations). Immutable.
 *
 * @param account the account and region the function lives in
 * @param functionName the function's bare name
 */
public record FunctionArn(Account account, String functionName) {

    private static final Pattern ARN = Pattern.compile("arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:"
            + "([a-zA-Z0-9-_]+)");

    /** Parses an unqualified function ARN as {@link #toString()} writes it; empty for anything else. */
    public static Optional<FunctionArn> parse(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new FunctionArn(new Account(m.group(2), m.group(1)), m.group(3)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Parses an ARN that Gust wrote itself; anything else is a bug. */
    public static FunctionArn require(String arn) {
        return parse(arn).orElseThrow(() -> new IllegalArgumentException("not an unqualified function ARN: " + arn));
    }

    @Override
    public String toString() {
        return account.functionArn(functionName);
    }
}
