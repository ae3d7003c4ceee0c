package dev.gust.api.permissions;

import dev.gust.core.Alias;
import dev.gust.store.FunctionRecord;
import java.util.Optional;

/**
 * The function ({@code $LATEST}), published version or alias whose policy an operation reads or changes, as read
 * from storage just now.
 *
 * @param functionName the bare function name
 * @param qualifier {@code $LATEST} for the unqualified function, else the version number or alias name
 * @param resourceArn the ARN the policy's statements name as their {@code Resource}
 * @param revisionId the resource's own revision id now (the function's, version's or alias's)
 * @param function the function's record, when the target is the unqualified function
 * @param alias the alias, when the target is an alias
 */
record PolicyTarget(String functionName, String qualifier, String resourceArn, String revisionId,
        Optional<FunctionRecord> function, Optional<Alias> alias) {
}
