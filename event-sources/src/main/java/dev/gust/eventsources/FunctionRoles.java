package dev.gust.eventsources;

import dev.gust.core.Account;
import java.util.Optional;

/**
 * The execution role of a function: the seam through which the pollers learn whose credentials to poll with, as
 * Lambda polls with the function's execution role. Implementations may read storage (called off event loops, about
 * once an hour per mapping). Thread-safe.
 */
@FunctionalInterface
public interface FunctionRoles {

    /** The role ARN of function {@code functionName} of {@code account}, or empty when there is no such function. */
    Optional<String> find(Account account, String functionName);
}
