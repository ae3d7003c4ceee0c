package dev.gust.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The asynchronous invocation settings of one function version or alias ({@code PutFunctionEventInvokeConfig}).
 *
 * <p>Unset settings are {@code null}; the delivery then uses Lambda's defaults (2 retries, 6 hours). The store
 * keeps what it is given and does not validate ranges. Immutable.
 *
 * @param functionName the function's name
 * @param qualifier the version or alias; {@code $LATEST} for the unqualified function, as AWS reports it
 * @param maximumRetryAttempts retries after a function error (Lambda allows 0 to 2), or {@code null}
 * @param maximumEventAgeInSeconds how long an event may wait (Lambda allows 60 to 21600), or {@code null}
 * @param destinationConfig where records of delivered and discarded events go; never {@code null}
 * @param lastModified when the settings were last written
 */
public record EventInvokeConfig(String functionName, String qualifier, Integer maximumRetryAttempts,
        Integer maximumEventAgeInSeconds, DestinationConfig destinationConfig, Instant lastModified) {

    public EventInvokeConfig {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(qualifier, "qualifier");
        Objects.requireNonNull(destinationConfig, "destinationConfig");
        Objects.requireNonNull(lastModified, "lastModified");
    }
}
