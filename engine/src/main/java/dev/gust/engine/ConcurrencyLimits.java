package dev.gust.engine;

import dev.gust.core.ReservedConcurrency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account's concurrency split as Lambda splits it: each function with reserved concurrency R runs at most R
 * invocations at once, in its own {@link ConcurrencyPool}, and every other function shares the unreserved pool of
 * {@code accountLimit - sum(R)}. Reserved capacity is therefore never taken by other functions, and the total
 * never exceeds the account limit.
 *
 * <p>The invoke path ({@link #poolOf}, then {@link ConcurrencyPool#tryAcquire}/{@link ConcurrencyPool#release})
 * is one map lookup and one compare-and-set, lock-free. Changes to reservations are serialised on this object;
 * an invocation releases to the pool it acquired from, so a reservation changed while invocations run never
 * corrupts a count. Those invocations still count against the pool they started in until they end, so right
 * after a change the total in flight can briefly exceed the account limit by the invocations that were running.
 * Thread-safe.
 */
public final class ConcurrencyLimits implements ReservedConcurrency {

    static final String UNRESERVED_REASON = "ConcurrentInvocationLimitExceeded";
    static final String RESERVED_REASON = "ReservedFunctionConcurrentInvocationLimitExceeded";

    private final int accountLimit;
    private final ConcurrencyPool unreserved;
    private final Map<String, ConcurrencyPool> reserved = new ConcurrentHashMap<>();
    /** Guarded by {@code this}. */
    private int totalReserved;

    public ConcurrencyLimits(int accountLimit) {
        if (accountLimit < 1) {
            throw new IllegalArgumentException("the account concurrency limit must be at least 1: " + accountLimit);
        }
        this.accountLimit = accountLimit;
        this.unreserved = new ConcurrencyPool(accountLimit, UNRESERVED_REASON);
    }

    /** The pool an invocation of {@code functionName} takes its unit from. */
    ConcurrencyPool poolOf(String functionName) {
        ConcurrencyPool pool = reserved.get(functionName);
        return pool != null ? pool : unreserved;
    }

    @Override
    public int accountLimit() {
        return accountLimit;
    }

    @Override
    public OptionalInt find(String functionName) {
        ConcurrencyPool pool = reserved.get(functionName);
        return pool == null ? OptionalInt.empty() : OptionalInt.of(pool.limit());
    }

    @Override
    public synchronized int totalReserved() {
        return totalReserved;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Does not check the account's minimum unreserved concurrency: the control plane does, before it persists
     * the change. If the reservations exceed the account limit (after the limit was lowered in the settings),
     * the unreserved pool is empty rather than negative.
     */
    @Override
    public synchronized void reserve(String functionName, int concurrency) {
        if (concurrency < 0) {
            throw new IllegalArgumentException("reserved concurrency must be >= 0: " + concurrency);
        }
        ConcurrencyPool pool = reserved.get(functionName);
        if (pool == null) {
            reserved.put(functionName, new ConcurrencyPool(concurrency, RESERVED_REASON));
        } else {
            totalReserved -= pool.limit();
            pool.resize(concurrency);
        }
        totalReserved += concurrency;
        unreserved.resize(Math.max(0, accountLimit - totalReserved));
    }

    @Override
    public synchronized void unreserve(String functionName) {
        ConcurrencyPool pool = reserved.remove(functionName);
        if (pool != null) {
            totalReserved -= pool.limit();
            unreserved.resize(Math.max(0, accountLimit - totalReserved));
        }
    }

    /** Limits and invocations in flight, for the health endpoint: the unreserved pool and each reservation. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("accountLimit", accountLimit);
        description.put("unreserved", Map.of("limit", unreserved.limit(), "inFlight", unreserved.inFlight()));
        Map<String, Object> functions = new TreeMap<>();
        reserved.forEach((name, pool) -> functions.put(name,
                Map.of("reserved", pool.limit(), "inFlight", pool.inFlight())));
        description.put("reserved", functions);
        return description;
    }
}
