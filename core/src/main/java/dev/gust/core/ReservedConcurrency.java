package dev.gust.core;

import java.util.OptionalInt;

/**
 * The machine's concurrency as the engine enforces it: the limit (one for the whole server, whatever the account),
 * and the concurrency each function reserves out of it ({@code PutFunctionConcurrency}). Reserved concurrency applies
 * to the whole function, every version and alias together, so it is keyed by the function's unqualified ARN; the view
 * {@link #in} of one namespace takes bare function names.
 *
 * <p>This is the live, in-memory view the invoke path reads; the control plane persists a change first and then
 * applies it here. Implementations are thread-safe; reads never block.
 */
public interface ReservedConcurrency {

    /**
     * This concurrency as one namespace's control plane sees it: the same account limit and pools, with function
     * names taken as those of {@code account}'s functions. Reservations are kept per function ARN, so that {@code x}
     * in one namespace and {@code x} in another reserve separately, out of the one limit of the machine.
     */
    default ReservedConcurrency in(Account account) {
        ReservedConcurrency shared = this;
        return new ReservedConcurrency() {
            @Override
            public int accountLimit() {
                return shared.accountLimit();
            }

            @Override
            public OptionalInt find(String functionName) {
                return shared.find(account.functionArn(functionName));
            }

            @Override
            public int totalReserved() {
                return shared.totalReserved();
            }

            @Override
            public void reserve(String functionName, int reserved) {
                shared.reserve(account.functionArn(functionName), reserved);
            }

            @Override
            public void unreserve(String functionName) {
                shared.unreserve(account.functionArn(functionName));
            }

            @Override
            public int provisioned(String functionName) {
                return shared.provisioned(account.functionArn(functionName));
            }

            @Override
            public int provisionedWithoutReservation() {
                return shared.provisionedWithoutReservation();
            }
        };
    }

    /** The account's concurrency limit ({@code ConcurrentExecutions}). */
    int accountLimit();

    /** The function's reserved concurrency, if it has any. */
    OptionalInt find(String functionName);

    /** The sum of every function's reserved concurrency. */
    int totalReserved();

    /** Sets the function's reserved concurrency ({@code >= 0}), replacing any it had. */
    void reserve(String functionName, int reserved);

    /** Removes the function's reserved concurrency, if it had any: it shares the unreserved pool again. */
    void unreserve(String functionName);

    /**
     * The function's provisioned concurrency, all versions and aliases together: held out of its reservation, or
     * out of the unreserved pool if it has none.
     */
    int provisioned(String functionName);

    /** The provisioned concurrency of functions without a reservation, held out of the unreserved pool. */
    int provisionedWithoutReservation();
}
