package dev.gust.functionurls;

import dev.gust.core.Account;
import dev.gust.policy.Policy;
import java.util.Optional;

/**
 * The compiled resource-based policies of functions and aliases, answered from memory (Lambda's control plane keeps
 * them compiled): what a public ({@code NONE}) URL's request is checked against. Implementations are thread-safe and
 * never block.
 */
@FunctionalInterface
public interface UrlPolicies {

    /** The policy of {@code functionName} ({@code $LATEST}: the unqualified function's) or its alias, if it has one. */
    Optional<Policy> of(Account account, String functionName, String qualifier);
}
