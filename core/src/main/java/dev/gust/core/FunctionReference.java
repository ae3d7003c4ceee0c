package dev.gust.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a caller names it: a plain name, a partial ARN ({@code 123456789012:function:NAME}) or a full
 * ARN, each optionally with a {@code :QUALIFIER} (version or alias).
 *
 * <p>Parsing uses the API model's own patterns, so what AWS accepts and rejects is accepted and rejected here,
 * with the same {@code ValidationException} text.
 *
 * @param name the bare function name
 * @param qualifier the qualifier the reference carried, if any
 */
public record FunctionReference(String name, Optional<String> qualifier) {

    /** The FunctionName pattern of read operations (Get, Delete, Invoke, ...), as AWS reports it. */
    public static final String READ_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
    /** The FunctionName pattern of CreateFunction, as AWS reports it. */
    public static final String CREATE_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

    private static final Pattern READ = Pattern.compile(READ_PATTERN);
    private static final Pattern CREATE = Pattern.compile(CREATE_PATTERN);
    private static final int REGION = 3;
    private static final int ACCOUNT = 9;
    private static final int NAME = 11;
    private static final int QUALIFIER = 13;

    /** Parses the {@code FunctionName} of a read, update or delete operation. */
    public static FunctionReference parse(String raw, Account account) {
        return parse(raw, account, READ, READ_PATTERN);
    }

    /**
     * Parses the {@code FunctionName} of CreateFunction, which also bounds the name to 64 characters.
     */
    public static FunctionReference parseForCreate(String raw, Account account) {
        if (raw != null && raw.length() > 140) {
            throw LambdaException.validation(validationPrefix(raw) + "Member must have length less than or equal to 140");
        }
        FunctionReference reference = parse(raw, account, CREATE, CREATE_PATTERN);
        if (reference.name().length() > 64) {
            throw LambdaException.invalidParameterValue("1 validation error detected: Value '" + reference.name()
                    + "' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64");
        }
        return reference;
    }

    /**
     * The namespace a request acts in when it names a function by {@code raw}: {@code request} (the caller's account
     * in the request's region), unless {@code raw} is a full or partial ARN of another account, whose namespace (in
     * the request's region) it then is. A malformed {@code raw} leaves {@code request}: parsing it fails later with
     * AWS's error. An ARN of another region is not reachable from the request's region ({@link #parse} says so).
     */
    public static Account namespaceOf(String raw, Account request) {
        if (raw == null) {
            return request;
        }
        Matcher m = READ.matcher(raw);
        if (!m.matches() || m.group(ACCOUNT) == null) {
            return request;
        }
        String accountId = m.group(ACCOUNT).substring(0, 12);
        return accountId.equals(request.accountId()) ? request : new Account(accountId, request.region());
    }

    /**
     * Combines the qualifier derived from the name with the {@code Qualifier} query parameter.
     *
     * @throws LambdaException InvalidParameterValueException when both are present and differ
     */
    public Optional<String> effectiveQualifier(String queryQualifier) {
        if (queryQualifier == null || queryQualifier.isEmpty()) {
            return qualifier;
        }
        if (qualifier.isPresent() && !qualifier.get().equals(queryQualifier)) {
            throw LambdaException.invalidParameterValue(
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        return Optional.of(queryQualifier);
    }

    private static FunctionReference parse(String raw, Account account, Pattern pattern, String patternText) {
        if (raw == null || raw.isEmpty()) {
            throw LambdaException.validation("1 validation error detected: Value null at 'functionName' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        Matcher m = pattern.matcher(raw);
        if (!m.matches()) {
            throw LambdaException.validation(validationPrefix(raw)
                    + "Member must satisfy regular expression pattern: " + patternText);
        }
        String region = m.group(REGION);
        if (region != null) {
            region = region.substring(0, region.length() - 1);
            if (!region.equals(account.region())) {
                throw LambdaException.resourceNotFound("Functions from '" + region
                        + "' are not reachable in this region ('" + account.region() + "')");
            }
        }
        String accountId = m.group(ACCOUNT);
        String name = m.group(NAME);
        Optional<String> qualifier = Optional.ofNullable(m.group(QUALIFIER));
        if (accountId != null && !accountId.startsWith(account.accountId())) {
            throw LambdaException.functionNotFound(new Account(accountId.substring(0, 12), account.region())
                    .functionArn(name));
        }
        return new FunctionReference(name, qualifier);
    }

    private static String validationPrefix(String raw) {
        return "1 validation error detected: Value '" + raw + "' at 'functionName' failed to satisfy constraint: ";
    }
}
