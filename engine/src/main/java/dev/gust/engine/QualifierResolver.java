package dev.gust.engine;

import dev.gust.core.Account;
import dev.gust.core.Alias;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.LambdaException;
import dev.gust.store.VersionStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Turns the qualifier of an invocation into the version that runs it: none or {@code $LATEST} is {@code $LATEST},
 * a number is that published version, anything else is an alias, which picks its {@code FunctionVersion} or, with
 * the probability of its weight, its additional version ({@link Alias#pick}).
 *
 * <p>The one place where an invocation's version is decided, so that concurrency settings per alias or version can
 * hook in here. Aliases are cached after their first use and forgotten when they change
 * ({@link #aliasChanged}, {@link #functionDeleted}); a load that raced with a change serves its caller but is not
 * cached. Thread-safe; never blocks the caller (aliases load on {@code blocking}).
 */
final class QualifierResolver {

    private record AliasKey(String functionName, String aliasName) {
    }

    private final Account account;
    private final VersionStore versions;
    private final Executor blocking;
    private final DoubleSupplier random;
    private final Map<AliasKey, Alias> aliases = new ConcurrentHashMap<>();
    /**
     * Counts alias changes and function deletions in this namespace: an alias read from the store is cached only if no
     * change happened while it was read. One counter, not one per alias: a per-name counter would grow with every
     * alias name a client invokes, existing or not.
     */
    private final AtomicLong generation = new AtomicLong();

    /**
     * @param random uniformly distributed numbers in {@code [0, 1)}, one drawn per alias invocation
     */
    QualifierResolver(Account account, VersionStore versions, Executor blocking, DoubleSupplier random) {
        this.account = account;
        this.versions = versions;
        this.blocking = blocking;
        this.random = random;
    }

    /**
     * The version that runs an invocation of {@code functionName} with {@code qualifier}: {@code $LATEST} or a
     * number. Fails with ResourceNotFoundException for an alias that does not exist; whether a version exists is
     * the caller's to check.
     */
    CompletableFuture<String> version(String functionName, Optional<String> qualifier) {
        if (qualifier.isEmpty() || isVersion(qualifier.get())) {
            return CompletableFuture.completedFuture(qualifier.orElse(FunctionConfiguration.LATEST));
        }
        AliasKey key = new AliasKey(functionName, qualifier.get());
        Alias cached = aliases.get(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached.pick(random.getAsDouble()));
        }
        long before = generation.get();
        return CompletableFuture.supplyAsync(() -> {
            Alias alias = versions.findAlias(functionName, key.aliasName()).orElseThrow(() ->
                    LambdaException.functionNotFound(account.functionArn(functionName, key.aliasName())));
            if (generation.get() == before) {
                aliases.put(key, alias);
                if (generation.get() != before) {
                    aliases.remove(key, alias); // changed between the check and the put: cache nothing stale
                }
            }
            return alias.pick(random.getAsDouble());
        }, blocking);
    }

    /** Forgets a cached alias. */
    void aliasChanged(String functionName, String aliasName) {
        generation.incrementAndGet();
        aliases.remove(new AliasKey(functionName, aliasName));
    }

    /** Forgets every cached alias of a deleted function. */
    void functionDeleted(String functionName) {
        generation.incrementAndGet();
        aliases.keySet().removeIf(key -> key.functionName().equals(functionName));
    }

    /** How many aliases are cached: only aliases that exist, whatever names clients invoke. */
    int cachedAliases() {
        return aliases.size();
    }

    /** Whether {@code qualifier} names a version ({@code $LATEST} or a number) rather than an alias. */
    static boolean isVersion(String qualifier) {
        return qualifier.equals(FunctionConfiguration.LATEST)
                || (!qualifier.isEmpty() && qualifier.chars().allMatch(c -> c >= '0' && c <= '9'));
    }
}
