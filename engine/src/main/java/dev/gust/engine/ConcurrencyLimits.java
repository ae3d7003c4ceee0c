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
 * <p>Provisioned concurrency P of a function is held out of its pool for its provisioned instances, which need no
 * unit when they run an invocation: the function's pool admits {@code R - P} other invocations, and the unreserved
 * pool {@code accountLimit - sum(R) - sum(P of functions without R)}.
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
    /** The pools of functions with a reservation; their limits are R - P. */
    private final Map<String, ConcurrencyPool> reserved = new ConcurrentHashMap<>();
    /** R per function; changed under this object's lock. */
    private final Map<String, Integer> reservations = new ConcurrentHashMap<>();
    /** P per function (absent: 0); changed under this object's lock. */
    private final Map<String, Integer> provisioned = new ConcurrentHashMap<>();
    /** Guarded by {@code this}. */
    private int totalReserved;
    /** Guarded by {@code this}. */
    private int provisionedWithoutReservation;

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
        Integer reservation = reservations.get(functionName);
        return reservation == null ? OptionalInt.empty() : OptionalInt.of(reservation);
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
        reservations.put(functionName, concurrency);
        int limit = Math.max(0, concurrency - provisioned(functionName));
        ConcurrencyPool pool = reserved.get(functionName);
        if (pool == null) {
            reserved.put(functionName, new ConcurrencyPool(limit, RESERVED_REASON));
        } else {
            pool.resize(limit);
        }
        recompute();
    }

    @Override
    public synchronized void unreserve(String functionName) {
        if (reservations.remove(functionName) != null) {
            reserved.remove(functionName);
            recompute();
        }
    }

    /** Holds {@code instances} units of the function's concurrency for its provisioned instances (0: none). */
    synchronized void provision(String functionName, int instances) {
        if (instances <= 0) {
            provisioned.remove(functionName);
        } else {
            provisioned.put(functionName, instances);
        }
        Integer reservation = reservations.get(functionName);
        if (reservation != null) {
            reserved.get(functionName).resize(Math.max(0, reservation - instances));
        }
        recompute();
    }

    @Override
    public int provisioned(String functionName) {
        return provisioned.getOrDefault(functionName, 0);
    }

    @Override
    public synchronized int provisionedWithoutReservation() {
        return provisionedWithoutReservation;
    }

    private void recompute() {
        totalReserved = reservations.values().stream().mapToInt(Integer::intValue).sum();
        provisionedWithoutReservation = provisioned.entrySet().stream()
                .filter(entry -> !reservations.containsKey(entry.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        unreserved.resize(Math.max(0, accountLimit - totalReserved - provisionedWithoutReservation));
    }

    /** Limits and invocations in flight, for the health endpoint: the unreserved pool and each reservation. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("accountLimit", accountLimit);
        description.put("unreserved", Map.of("limit", unreserved.limit(), "inFlight", unreserved.inFlight()));
        Map<String, Object> functions = new TreeMap<>();
        reserved.forEach((name, pool) -> functions.put(name, Map.of("reserved", reservations.getOrDefault(name, 0),
                "inFlight", pool.inFlight())));
        description.put("reserved", functions);
        description.put("provisioned", new TreeMap<>(provisioned));
        return description;
    }
}
