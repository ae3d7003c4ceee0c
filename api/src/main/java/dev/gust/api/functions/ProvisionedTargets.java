package dev.gust.api.functions;

import dev.gust.core.Alias;
import dev.gust.core.FunctionConfiguration;
import dev.gust.store.ProvisionedConcurrencyConfig;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which published versions a provisioned concurrency config keeps instances of, and how many: a version config all
 * on that version; an alias config on the alias's version, or, for an alias that routes a weight {@code w} to a
 * second version, {@code round(n * w)} on that version and the rest on the first, as Lambda spreads provisioned
 * concurrency over a weighted alias. {@code $LATEST} never gets provisioned instances. Stateless.
 */
final class ProvisionedTargets {

    private ProvisionedTargets() {
    }

    /**
     * The instances per version of one config.
     *
     * @param alias the alias the config names, if it names one that exists
     */
    static Map<String, Integer> of(ProvisionedConcurrencyConfig config, Optional<Alias> alias) {
        Map<String, Integer> targets = new TreeMap<>();
        int requested = config.requested();
        if (alias.isEmpty()) {
            if (QualifierRules.isNumber(config.qualifier())) {
                targets.put(config.qualifier(), requested);
            }
            return targets;
        }
        int additional = alias.get().additionalVersion()
                .map(weight -> (int) Math.round(requested * weight.weight())).orElse(0);
        add(targets, alias.get().functionVersion(), requested - additional);
        alias.get().additionalVersion().ifPresent(weight -> add(targets, weight.version(), additional));
        return targets;
    }

    /** Adds {@code instances} to {@code version}'s count, unless it is none or {@code $LATEST}. */
    static void add(Map<String, Integer> targets, String version, int instances) {
        if (instances > 0 && !version.equals(FunctionConfiguration.LATEST)) {
            targets.merge(version, instances, Integer::sum);
        }
    }
}
