package dev.gust.async;

import dev.gust.core.FunctionArn;
import dev.gust.core.FunctionConfiguration;
import dev.gust.store.EventInvokeConfig;
import dev.gust.store.EventInvokeConfigStore;
import java.time.Duration;
import java.util.Optional;

/**
 * The asynchronous invocation settings of one function and qualifier (its {@code FunctionEventInvokeConfig}, or
 * Lambda's defaults); immutable.
 *
 * @param maximumRetryAttempts retries after a function error, 0 to 2
 * @param maximumEventAge how old an event may get before it is discarded, 60 s to 6 h
 * @param onSuccess the ARN of the destination of successful invocations
 * @param onFailure the ARN of the destination of discarded events
 */
public record EventSettings(int maximumRetryAttempts, Duration maximumEventAge, Optional<String> onSuccess,
        Optional<String> onFailure) {

    /** Lambda's defaults: 2 retries, 6 hours, no destinations. */
    public static final EventSettings DEFAULTS = new EventSettings(2, Duration.ofHours(6), Optional.empty(),
            Optional.empty());

    /** The settings stored by {@code PutFunctionEventInvokeConfig}, with Lambda's defaults for what is unset. */
    public static Source storedIn(EventInvokeConfigStore configs) {
        return (function, qualifier) -> configs.in(function.account()).find(function.functionName(),
                qualifier == null ? FunctionConfiguration.LATEST : qualifier).map(EventSettings::of).orElse(DEFAULTS);
    }

    private static EventSettings of(EventInvokeConfig config) {
        return new EventSettings(
                config.maximumRetryAttempts() == null ? DEFAULTS.maximumRetryAttempts() : config.maximumRetryAttempts(),
                config.maximumEventAgeInSeconds() == null ? DEFAULTS.maximumEventAge()
                        : Duration.ofSeconds(config.maximumEventAgeInSeconds()),
                Optional.ofNullable(config.destinationConfig().onSuccess()),
                Optional.ofNullable(config.destinationConfig().onFailure()));
    }

    /** Where the settings of a function come from; read at each decision, so changes apply to queued events. */
    @FunctionalInterface
    public interface Source {

        /**
         * @param function the function, in its namespace
         * @param qualifier the qualifier the event named, or {@code null}
         */
        EventSettings settingsOf(FunctionArn function, String qualifier);
    }
}
