package dev.gust.async;

import dev.gust.core.Alias;
import dev.gust.core.FunctionArn;
import dev.gust.core.FunctionConfiguration;
import dev.gust.store.FunctionStore;
import dev.gust.store.VersionStore;
import java.util.Optional;

/**
 * Where a function version sends the events it discards: its {@code DeadLetterConfig.TargetArn}, an SQS queue or an
 * SNS topic. Asked only when an event is discarded, so an event's attempts read no function configuration.
 */
@FunctionalInterface
public interface DeadLetterTargets {

    /** No function has a dead-letter queue. */
    DeadLetterTargets NONE = (function, qualifier) -> Optional.empty();

    /**
     * @param function the function, in its namespace
     * @param qualifier the version that ran the event, else the qualifier the event named ({@code null} for
     *     {@code $LATEST}; an alias stands for the version it routes to first)
     */
    Optional<String> targetOf(FunctionArn function, String qualifier);

    /** The targets stored with each version's configuration. */
    static DeadLetterTargets storedIn(FunctionStore functions, VersionStore versions) {
        return (function, qualifier) -> {
            String name = function.functionName();
            VersionStore namespace = versions.in(function.account());
            String version = qualifier == null || qualifier.equals(FunctionConfiguration.LATEST)
                    || qualifier.chars().allMatch(Character::isDigit) ? qualifier
                    : namespace.findAlias(name, qualifier).map(Alias::functionVersion).orElse(null);
            if (version == null || version.equals(FunctionConfiguration.LATEST)) {
                return latestTargetOf(functions, function);
            }
            return namespace.findVersion(name, version).map(FunctionConfiguration::deadLetterTargetArn);
        };
    }

    private static Optional<String> latestTargetOf(FunctionStore functions, FunctionArn function) {
        return functions.in(function.account()).find(function.functionName())
                .map(record -> record.configuration().deadLetterTargetArn());
    }
}
