package dev.gust.api.functions;

import dev.gust.core.Account;
import dev.gust.core.Alias;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.core.ProvisionedConcurrency;
import dev.gust.core.ReservedConcurrency;
import dev.gust.core.ValidationErrors;
import dev.gust.store.FunctionStore;
import dev.gust.store.ProvisionedConcurrencyConfig;
import dev.gust.store.ProvisionedConcurrencyStore;
import dev.gust.store.VersionStore;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Provisioned concurrency configs of versions and aliases ({@code Put/Get/Delete/ListProvisionedConcurrencyConfig(s)})
 * with Lambda's validation and errors. Each change is persisted in the {@link ProvisionedConcurrencyStore}, then
 * turned into provisioned instances per version ({@link ProvisionedTargets}) that the engine starts in the
 * background ({@link ProvisionedConcurrency}); a config's status is read from the engine's allocation.
 *
 * <p>Provisioned concurrency is held out of the function's reserved concurrency, or out of the account's unreserved
 * concurrency if it has none, so changes are checked against both and serialised with reserved concurrency changes
 * on one lock (the {@link ConcurrencyService}'s). Deleting a function, a version or an alias deletes its configs
 * (the {@code FunctionChanges} fan-out calls {@link #functionDeleted}, {@link #versionDeleted},
 * {@link #aliasChanged}). Thread-safe; calls block on storage, so run them on worker threads.
 */
public final class ProvisionedConcurrencyService {

    static final String READY = "READY";
    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String FAILED = "FAILED";
    private static final String QUALIFIER_PATTERN = "(|[a-zA-Z0-9$_-]+)";
    private static final Pattern QUALIFIER = Pattern.compile(QUALIFIER_PATTERN);
    private static final String UNPUBLISHED = "Provisioned Concurrency Configs cannot be applied to unpublished "
            + "function versions.";
    private static final String NOT_A_VERSION = "The function resource provided must be an alias or a published "
            + "version.";

    private final Account account;
    private final FunctionStore functions;
    private final VersionStore versions;
    private final ProvisionedConcurrencyStore store;
    private final ReservedConcurrency limits;
    private final ProvisionedConcurrency engine;
    private final InstantSource clock;
    /** Shared with reserved concurrency changes, whose checks read the provisioned totals. */
    private final Object lock;
    /** The instances per version last given to the engine, per function. Guarded by {@link #lock}. */
    private final Map<String, Map<String, Integer>> applied = new HashMap<>();

    /** A config as the API shows it: the stored request and the allocation now. */
    record Status(ProvisionedConcurrencyConfig config, String functionArn, int allocated, String status,
            Optional<String> reason) {
    }

    /** One page of ListProvisionedConcurrencyConfigs. */
    record Page(List<Status> configs, Optional<String> nextMarker) {
    }

    /**
     * @param reserved the reserved concurrency service: its lock serialises changes of either kind
     */
    public ProvisionedConcurrencyService(Account account, FunctionStore functions, VersionStore versions,
            ProvisionedConcurrencyStore store, ConcurrencyService reserved, ReservedConcurrency limits,
            ProvisionedConcurrency engine, InstantSource clock) {
        this.account = account;
        this.functions = functions;
        this.versions = versions;
        this.store = store;
        this.limits = limits;
        this.engine = engine;
        this.clock = clock;
        this.lock = reserved;
    }

    /** Provisions every stored config, at startup; configs of deleted functions, versions or aliases are deleted. */
    public void load() {
        synchronized (lock) {
            for (ProvisionedConcurrencyConfig config : store.all()) {
                if (!exists(config)) {
                    store.delete(config.functionName(), config.qualifier());
                }
            }
            store.all().stream().map(ProvisionedConcurrencyConfig::functionName).distinct().forEach(this::apply);
        }
    }

    /** PutProvisionedConcurrencyConfig: stores the config and starts allocating its instances. */
    Status put(String functionName, String qualifier, Integer requested) {
        new ValidationErrors().requireNotNull(requested, "provisionedConcurrentExecutions")
                .requireRange(requested, "provisionedConcurrentExecutions", 1, Integer.MAX_VALUE).throwIfAny();
        synchronized (lock) {
            Target target = resolve(functionName, qualifier, UNPUBLISHED);
            String name = target.functionName();
            List<ProvisionedConcurrencyConfig> configs = store.list(name);
            checkConflicts(target, configs);
            int previous = configs.stream().filter(c -> c.qualifier().equals(target.qualifier()))
                    .mapToInt(ProvisionedConcurrencyConfig::requested).sum();
            checkLimits(name, requested, previous, configs);
            ProvisionedConcurrencyConfig config = new ProvisionedConcurrencyConfig(name, target.qualifier(), requested,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS));
            store.put(config);
            apply(name);
            return status(config, target.alias());
        }
    }

    /** GetProvisionedConcurrencyConfig. */
    Status get(String functionName, String qualifier) {
        Target target = resolve(functionName, qualifier, NOT_A_VERSION);
        ProvisionedConcurrencyConfig config = store.find(target.functionName(), target.qualifier())
                .orElseThrow(LambdaException::provisionedConcurrencyConfigNotFound);
        return status(config, target.alias());
    }

    /** DeleteProvisionedConcurrencyConfig: stops the config's instances; deleting no config succeeds, as on AWS. */
    void delete(String functionName, String qualifier) {
        synchronized (lock) {
            Target target = resolve(functionName, qualifier, NOT_A_VERSION);
            if (store.delete(target.functionName(), target.qualifier())) {
                apply(target.functionName());
            }
        }
    }

    /** ListProvisionedConcurrencyConfigs: by qualifier; the marker is the qualifier the next page starts at. */
    Page list(String functionName, String marker, int maxItems) {
        String name = FunctionReference.parse(functionName, account).name();
        if (functions.find(name).isEmpty()) {
            throw LambdaException.functionNotFound(account.functionArn(name));
        }
        List<ProvisionedConcurrencyConfig> configs = store.list(name).stream()
                .filter(config -> marker == null || config.qualifier().compareTo(marker) >= 0).toList();
        List<Status> page = configs.stream().limit(maxItems)
                .map(config -> status(config, alias(config))).toList();
        return new Page(page, configs.size() > maxItems ? Optional.of(configs.get(maxItems).qualifier())
                : Optional.empty());
    }

    /** The function was deleted: its configs go, and its instances already went with its pools. */
    public void functionDeleted(String functionName) {
        synchronized (lock) {
            store.deleteFunction(functionName);
            apply(functionName);
        }
    }

    /** A version was deleted: its config goes with it. */
    public void versionDeleted(String functionName, String version) {
        synchronized (lock) {
            if (store.delete(functionName, version)) {
                apply(functionName);
            }
        }
    }

    /**
     * An alias was created, updated or deleted: a deleted alias's config goes with it; an updated alias's config
     * moves to the versions it routes to now.
     */
    public void aliasChanged(String functionName, String aliasName) {
        synchronized (lock) {
            if (store.find(functionName, aliasName).isEmpty()) {
                return;
            }
            if (versions.findAlias(functionName, aliasName).isEmpty()) {
                store.delete(functionName, aliasName);
            }
            apply(functionName);
        }
    }

    /** The (function, qualifier) a request names; an alias is read along. */
    private record Target(String functionName, String qualifier, Optional<Alias> alias) {
    }

    /**
     * Checks the qualifier and that the version or alias exists, with AWS's errors.
     *
     * @param latestMessage the InvalidParameterValueException message for {@code $LATEST}
     */
    private Target resolve(String functionName, String queryQualifier, String latestMessage) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        String qualifier = reference.effectiveQualifier(queryQualifier).orElse(null);
        ValidationErrors errors = new ValidationErrors().requireNotNull(qualifier, "qualifier")
                .requireMaxLength(qualifier, "qualifier", 128);
        if (qualifier != null && !QUALIFIER.matcher(qualifier).matches()) {
            errors.add(qualifier, "qualifier", "Member must satisfy regular expression pattern: " + QUALIFIER_PATTERN);
        }
        errors.throwIfAny();
        String name = reference.name();
        if (qualifier.equals(FunctionConfiguration.LATEST)) {
            throw LambdaException.invalidParameterValue(latestMessage);
        }
        if (QualifierRules.isNumber(qualifier)) {
            if (versions.findVersion(name, qualifier).isEmpty()) {
                throw LambdaException.functionNotFound(account.functionArn(name, qualifier));
            }
            return new Target(name, qualifier, Optional.empty());
        }
        Alias alias = versions.findAlias(name, qualifier).orElseThrow(() -> LambdaException.resourceNotFound(
                "Cannot find alias arn: " + account.functionArn(name, qualifier)));
        return new Target(name, qualifier, Optional.of(alias));
    }

    /** A version and an alias pointing at it cannot both have a config (AWS's recorded conflicts). */
    private void checkConflicts(Target target, List<ProvisionedConcurrencyConfig> configs) {
        if (target.alias().isPresent()) {
            String version = target.alias().get().functionVersion();
            if (version.equals(FunctionConfiguration.LATEST)) {
                throw LambdaException.invalidParameterValue(UNPUBLISHED);
            }
            if (configs.stream().anyMatch(config -> config.qualifier().equals(version))) {
                throw LambdaException.resourceConflict("Alias can't be used for Provisioned Concurrency configuration "
                        + "on an already Provisioned version");
            }
            return;
        }
        boolean pointedAt = configs.stream().filter(config -> !QualifierRules.isNumber(config.qualifier()))
                .map(this::alias).flatMap(Optional::stream)
                .anyMatch(alias -> alias.functionVersion().equals(target.qualifier()));
        if (pointedAt) {
            throw LambdaException.resourceConflict("Version is pointed by a Provisioned Concurrency alias");
        }
    }

    /**
     * Within the function's reservation, if it has one; otherwise out of the unreserved concurrency, which must keep
     * its minimum. Lowering a config is always allowed.
     */
    private void checkLimits(String name, int requested, int previous, List<ProvisionedConcurrencyConfig> configs) {
        OptionalInt reservation = limits.find(name);
        if (reservation.isPresent()) {
            int others = configs.stream().mapToInt(ProvisionedConcurrencyConfig::requested).sum() - previous;
            if (others + requested > reservation.getAsInt()) {
                throw LambdaException.invalidParameterValue("Requested Provisioned Concurrency should not be greater "
                        + "than the reservedConcurrentExecution for function");
            }
            return;
        }
        int increase = requested - previous;
        if (increase <= 0) {
            return;
        }
        int unreserved = Math.max(0, limits.accountLimit() - limits.totalReserved()
                - limits.provisionedWithoutReservation());
        int minimum = ConcurrencyService.minimumUnreserved(limits.accountLimit());
        if (increase > unreserved) {
            throw LambdaException.invalidParameterValueUntyped("Specified ConcurrentExecutions for function is greater "
                    + "than account's unreserved concurrency [" + unreserved + "].");
        }
        if (unreserved - increase < minimum) {
            throw LambdaException.invalidParameterValueUntyped("Specified ConcurrentExecutions for function decreases "
                    + "account's UnreservedConcurrentExecution below its minimum value of [" + minimum + "].");
        }
    }

    /** Gives the engine the instances per version that the function's stored configs ask for now. */
    private void apply(String functionName) {
        Map<String, Integer> targets = new TreeMap<>();
        for (ProvisionedConcurrencyConfig config : store.list(functionName)) {
            ProvisionedTargets.of(config, alias(config)).forEach((version, instances) ->
                    ProvisionedTargets.add(targets, version, instances));
        }
        Map<String, Integer> before = applied.getOrDefault(functionName, Map.of());
        TreeSet<String> changed = new TreeSet<>(before.keySet());
        changed.addAll(targets.keySet());
        for (String version : changed) {
            if (!Objects.equals(before.get(version), targets.get(version))) {
                engine.provision(functionName, version, targets.getOrDefault(version, 0));
            }
        }
        if (targets.isEmpty()) {
            applied.remove(functionName);
        } else {
            applied.put(functionName, targets);
        }
    }

    /** The config's allocation: READY once every instance is, FAILED if one could not initialize. */
    private Status status(ProvisionedConcurrencyConfig config, Optional<Alias> alias) {
        int allocated = 0;
        Optional<String> failure = Optional.empty();
        for (Map.Entry<String, Integer> target : ProvisionedTargets.of(config, alias).entrySet()) {
            ProvisionedConcurrency.Allocation allocation = engine.allocation(config.functionName(), target.getKey());
            allocated += Math.min(target.getValue(), allocation.ready());
            failure = failure.or(allocation::failure);
        }
        String status = failure.isPresent() ? FAILED : allocated >= config.requested() ? READY : IN_PROGRESS;
        return new Status(config, account.functionArn(config.functionName(), config.qualifier()), allocated, status,
                failure);
    }

    private Optional<Alias> alias(ProvisionedConcurrencyConfig config) {
        return QualifierRules.isNumber(config.qualifier()) ? Optional.empty()
                : versions.findAlias(config.functionName(), config.qualifier());
    }

    private boolean exists(ProvisionedConcurrencyConfig config) {
        return QualifierRules.isNumber(config.qualifier())
                ? versions.findVersion(config.functionName(), config.qualifier()).isPresent()
                : alias(config).isPresent();
    }
}
