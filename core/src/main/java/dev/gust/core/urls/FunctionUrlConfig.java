package dev.gust.core.urls;

import dev.gust.core.Account;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A function URL's configuration ({@code CreateFunctionUrlConfig}): the function and qualifier it invokes, its
 * globally unique id (the first label of its host), how it authenticates, its CORS settings and how it answers.
 * Immutable.
 *
 * @param account the namespace of the function
 * @param functionName the function's bare name
 * @param qualifier {@code $LATEST} (a URL created without a qualifier) or an alias name
 * @param urlId 32 lowercase letters and digits, unique across every namespace
 * @param authType {@code NONE} or {@code AWS_IAM}
 * @param cors the CORS settings, or {@code null} when the URL has none
 * @param invokeMode {@code BUFFERED} or {@code RESPONSE_STREAM}, or {@code null} when it was never set (which works as
 *     {@code BUFFERED}; Create and Update leave an unset mode out of their answers, as AWS does)
 * @param creationTime when the URL was created
 * @param lastModifiedTime when it was last changed
 */
public record FunctionUrlConfig(Account account, String functionName, String qualifier, String urlId,
        String authType, UrlCors cors, String invokeMode, Instant creationTime, Instant lastModifiedTime) {

    /** The qualifier of a URL created without one. */
    public static final String LATEST = "$LATEST";
    public static final String AUTH_NONE = "NONE";
    public static final String AUTH_IAM = "AWS_IAM";
    public static final String BUFFERED = "BUFFERED";
    public static final String RESPONSE_STREAM = "RESPONSE_STREAM";
    private static final Pattern URL_ID = Pattern.compile("[a-z0-9]{32}");

    public FunctionUrlConfig {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(authType, "authType");
        Objects.requireNonNull(creationTime, "creationTime");
        Objects.requireNonNull(lastModifiedTime, "lastModifiedTime");
        if (!URL_ID.matcher(urlId).matches()) {
            throw new IllegalArgumentException("a function URL id is 32 lowercase letters and digits: " + urlId);
        }
    }

    /** Whether {@code id} has the shape of a URL id (32 lowercase letters and digits). */
    public static boolean isUrlId(String id) {
        return id != null && URL_ID.matcher(id).matches();
    }

    /** The invoke mode in effect: the one set, or {@code BUFFERED}. */
    public String effectiveInvokeMode() {
        return invokeMode == null ? BUFFERED : invokeMode;
    }

    /** Whether the URL streams its responses ({@code RESPONSE_STREAM}). */
    public boolean streams() {
        return RESPONSE_STREAM.equals(invokeMode);
    }

    /**
     * The URL's host name without a port: {@code <url-id>.lambda-url.<region>.localhost}, AWS's shape
     * ({@code <url-id>.lambda-url.<region>.on.aws}) on a name that resolves to the loopback with no DNS set-up.
     */
    public String host() {
        return urlId + ".lambda-url." + account.region() + ".localhost";
    }

    /** The ARN the API shows: the function's, qualified by the alias for an alias's URL. */
    public String functionArn() {
        return LATEST.equals(qualifier) ? account.functionArn(functionName)
                : account.functionArn(functionName, qualifier);
    }

    /** This config with other settings, modified at {@code now}. */
    public FunctionUrlConfig with(String newAuthType, UrlCors newCors, String newInvokeMode, Instant now) {
        return new FunctionUrlConfig(account, functionName, qualifier, urlId, newAuthType, newCors, newInvokeMode,
                creationTime, now);
    }
}
