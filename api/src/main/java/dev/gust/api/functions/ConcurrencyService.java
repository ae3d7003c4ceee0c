package dev.gust.api.functions;

import dev.gust.core.Account;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.core.ReservedConcurrency;
import dev.gust.core.ValidationErrors;
import dev.gust.store.FunctionStore;
import dev.gust.store.ReservedConcurrencyStore;
import java.util.Map;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserved concurrency of functions ({@code Put/Get/DeleteFunctionConcurrency}) with Lambda's validation and
 * errors: each change is persisted in the {@link ReservedConcurrencyStore}, then applied to the engine's live
 * {@link ReservedConcurrency}, which the invoke path and reads use (no storage read per invoke).
 *
 * <p>Lambda keeps a minimum of unreserved concurrency for functions without a reservation: 100 with its default
 * account limit of 1,000. Gust's limit is configurable, so its minimum is a tenth of the limit, at least 1 and at
 * most 100 ({@link #minimumUnreserved}); at 1,000 and above that is AWS's 100.
 *
 * <p>Thread-safe: changes are serialised on this object, so two concurrent puts cannot together reserve more than
 * the account allows, and a put cannot outlive a concurrent DeleteFunction. Calls block on storage; run them on
 * worker threads.
 */
public final class ConcurrencyService {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyService.class);

    private final Account account;
    private final FunctionStore functions;
    private final ReservedConcurrencyStore store;
    private final ReservedConcurrency live;

    public ConcurrencyService(Account account, FunctionStore functions, ReservedConcurrencyStore store,
            ReservedConcurrency live) {
        this.account = account;
        this.functions = functions;
        this.store = store;
        this.live = live;
    }

    /** Lambda's minimum unreserved concurrency, scaled to a configurable limit: limit / 10, within 1..100. */
    public static int minimumUnreserved(int accountLimit) {
        return Math.min(100, Math.max(1, accountLimit / 10));
    }

    /**
     * Loads the stored reservations into the engine, at startup. A reservation of a function that no longer
     * exists (left by a crash between deleting the function and its reservation) is deleted instead.
     */
    public synchronized void load() {
        for (Map.Entry<String, Integer> reservation : store.all().entrySet()) {
            if (functions.find(reservation.getKey()).isPresent()) {
                live.reserve(reservation.getKey(), reservation.getValue());
            } else {
                store.delete(reservation.getKey());
            }
        }
        if (live.totalReserved() > live.accountLimit() - minimumUnreserved(live.accountLimit())) {
            LOG.warn("functions reserve {} of the account's concurrency limit of {}: functions without a reservation share {}",
                    live.totalReserved(), live.accountLimit(), unreserved());
        }
    }

    /** PutFunctionConcurrency: sets the function's reserved concurrency and returns it. */
    synchronized int put(String functionName, Integer reserved) {
        new ValidationErrors()
                .requireNotNull(reserved, "reservedConcurrentExecutions")
                .requireRange(reserved, "reservedConcurrentExecutions", 0, Integer.MAX_VALUE)
                .throwIfAny();
        String name = unqualifiedName(functionName);
        if (functions.find(name).isEmpty()) {
            throw LambdaException.functionNotFound(account.functionArn(name, FunctionConfiguration.LATEST));
        }
        int provisioned = live.provisioned(name);
        if (reserved < provisioned) {
            throw LambdaException.invalidParameterValueUntyped(" ReservedConcurrentExecutions  " + reserved
                    + " should not be lower than function's total provisioned concurrency [" + provisioned + "].");
        }
        // held out of the account: every reservation, and the provisioned concurrency of functions without one
        long held = live.totalReserved() + live.provisionedWithoutReservation();
        long total = held - live.find(name).orElse(provisioned) + (long) reserved;
        int minimum = minimumUnreserved(live.accountLimit());
        // a change that does not add to the total is allowed even above the maximum (the limit was lowered since)
        if (total > live.accountLimit() - minimum && total > held) {
            throw LambdaException.invalidParameterValue("Specified ReservedConcurrentExecutions for function decreases "
                    + "account's UnreservedConcurrentExecution below its minimum value of [" + minimum + "].");
        }
        store.put(name, reserved);
        live.reserve(name, reserved);
        return reserved;
    }

    /** GetFunctionConcurrency: the function's reserved concurrency, empty if it has none. */
    OptionalInt get(String functionName) {
        String name = unqualifiedName(functionName);
        if (functions.find(name).isEmpty()) {
            throw LambdaException.functionNotFound(account.functionArn(name));
        }
        return live.find(name);
    }

    /** DeleteFunctionConcurrency: the function shares the unreserved pool again. */
    synchronized void delete(String functionName) {
        String name = unqualifiedName(functionName);
        if (functions.find(name).isEmpty()) {
            throw LambdaException.functionNotFound(account.functionArn(name));
        }
        store.delete(name);
        live.unreserve(name);
    }

    /** Drops the reservation of a function that was deleted (the {@code FunctionChanges.deleted} fan-out). */
    public synchronized void functionDeleted(String functionName) {
        store.delete(functionName);
        live.unreserve(functionName);
    }

    /** The function's reserved concurrency as enforced now, for GetFunction; no storage read. */
    OptionalInt reservedOf(String functionName) {
        return live.find(functionName);
    }

    int accountLimit() {
        return live.accountLimit();
    }

    /**
     * The account's {@code UnreservedConcurrentExecutions}: the limit less every reservation and the provisioned
     * concurrency of functions without one.
     */
    int unreserved() {
        return Math.max(0, live.accountLimit() - live.totalReserved() - live.provisionedWithoutReservation());
    }

    /** The bare name; reserved concurrency belongs to the whole function, so a version or alias is refused. */
    private String unqualifiedName(String functionName) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        if (reference.qualifier().isPresent()) {
            throw LambdaException.invalidParameterValue("This operation is permitted on Lambda functions only. "
                    + "Aliases and versions do not support this operation. Please specify either a function name or "
                    + "an unqualified function ARN.");
        }
        return reference.name();
    }
}
