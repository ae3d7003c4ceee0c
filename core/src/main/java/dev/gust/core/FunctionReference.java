package dev.gust.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a caller names it: a plain name, a partial ARN ({@code 123456789012:function:NAME}) or a full
 * ARN, each optionally with a {@code :QUALIFIER} (version or alias).
 *
 * @param name the bare function name
 * @param qualifier the qualifier the reference carried, if any
 */
public record FunctionReference(String name, Optional<String> qualifier) {

    private static final String NAME = "[a-zA-Z0-9-_]{1,64}";
    private static final String QUALIFIER = "(\\$LATEST|[a-zA-Z0-9-_]{1,128})";
    private static final Pattern PLAIN = Pattern.compile("(" + NAME + ")(:" + QUALIFIER + ")?");
    private static final Pattern PARTIAL = Pattern.compile("(\\d{12}):function:(" + NAME + ")(:" + QUALIFIER + ")?");
    private static final Pattern FULL = Pattern.compile(
            "arn:(aws[a-zA-Z-]*):lambda:([a-z]{2}(?:-gov)?-[a-z]+-\\d):(\\d{12}):function:(" + NAME + ")(:" + QUALIFIER + ")?");
    /** The pattern of the FunctionName member in the API model, for ValidationException messages. */
    public static final String MODEL_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?"
            + "(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

    /**
     * Parses what a caller put in the {@code FunctionName} path parameter.
     *
     * @throws LambdaException ValidationException for malformed input, ResourceNotFoundException for an ARN
     *     of another region, AccessDenied-style errors are not emulated (one account)
     */
    public static FunctionReference parse(String raw, Account account) {
        if (raw == null || raw.isEmpty() || raw.length() > 170) {
            throw invalidName(raw);
        }
        Matcher m = PLAIN.matcher(raw);
        if (m.matches()) {
            return new FunctionReference(m.group(1), Optional.ofNullable(m.group(3)));
        }
        m = PARTIAL.matcher(raw);
        if (m.matches()) {
            requireAccount(m.group(1), account);
            return new FunctionReference(m.group(2), Optional.ofNullable(m.group(4)));
        }
        m = FULL.matcher(raw);
        if (m.matches()) {
            if (!m.group(2).equals(account.region())) {
                throw LambdaException.resourceNotFound("Functions from '" + m.group(2)
                        + "' are not reachable in this region ('" + account.region() + "')");
            }
            requireAccount(m.group(3), account);
            return new FunctionReference(m.group(4), Optional.ofNullable(m.group(6)));
        }
        throw invalidName(raw);
    }

    private static void requireAccount(String accountId, Account account) {
        if (!accountId.equals(account.accountId())) {
            throw LambdaException.resourceNotFound("Function not found: " + "arn:aws:lambda:" + account.region()
                    + ":" + accountId + ":function:unknown");
        }
    }

    private static LambdaException invalidName(String raw) {
        return LambdaException.validation("1 validation error detected: Value '" + raw
                + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + MODEL_PATTERN);
    }
}
