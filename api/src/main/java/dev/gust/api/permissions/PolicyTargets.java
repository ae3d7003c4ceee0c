package dev.gust.api.permissions;

import dev.gust.core.Account;
import dev.gust.core.Alias;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.LambdaException;
import dev.gust.store.FunctionRecord;
import dev.gust.store.FunctionStore;
import dev.gust.store.FunctionPolicyStore;
import dev.gust.store.VersionStore;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the function, version or alias a policy operation names, and gives it a new revision id when its policy
 * changes (AddPermission and RemovePermission give {@code $LATEST} and an alias the policy's new revision id, as
 * Lambda does). Thread-safe; blocks on storage.
 */
final class PolicyTargets {

    /** What a qualifier that is neither a version number nor {@code $LATEST} must look like to name an alias. */
    private static final Pattern ALIAS_NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    private static final Pattern VERSION_NUMBER = Pattern.compile("[0-9]{1,18}");

    /** How an operation words the 404 of a function, version or alias that does not exist. */
    enum NotFound {
        /** AddPermission: {@code Function not found: ARN}, {@code Cannot find alias arn: ARN}. */
        ADD,
        /** RemovePermission: {@code No policy found for: ARN} for a missing function, else as AddPermission. */
        REMOVE,
        /** GetPolicy: always {@code The resource you requested does not exist.} */
        GET;

        LambdaException function(String arn) {
            return switch (this) {
                case ADD -> LambdaException.functionNotFound(arn);
                case REMOVE -> LambdaException.resourceNotFound("No policy found for: " + arn);
                case GET -> resourceDoesNotExist();
            };
        }

        /** A version that does not exist, or a qualifier that is neither a version nor an alias name. */
        LambdaException version(String qualifiedArn) {
            return this == GET ? resourceDoesNotExist() : LambdaException.functionNotFound(qualifiedArn);
        }

        LambdaException alias(String aliasArn) {
            return this == GET ? resourceDoesNotExist()
                    : LambdaException.resourceNotFound("Cannot find alias arn: " + aliasArn);
        }
    }

    private final Account account;
    private final FunctionStore functions;
    private final VersionStore versions;

    PolicyTargets(Account account, FunctionStore functions, VersionStore versions) {
        this.account = account;
        this.functions = functions;
        this.versions = versions;
    }

    static LambdaException resourceDoesNotExist() {
        return LambdaException.resourceNotFound("The resource you requested does not exist.");
    }

    /** The target named by a function name and an (already combined) qualifier; empty or $LATEST: unqualified. */
    PolicyTarget require(String name, Optional<String> qualifier, NotFound notFound) {
        FunctionRecord function = functions.find(name)
                .orElseThrow(() -> notFound.function(account.functionArn(name)));
        if (qualifier.isEmpty() || qualifier.get().equals(FunctionConfiguration.LATEST)) {
            return new PolicyTarget(name, FunctionPolicyStore.LATEST, account.functionArn(name), function.revisionId(),
                    Optional.of(function), Optional.empty());
        }
        String q = qualifier.get();
        String arn = account.functionArn(name, q);
        if (VERSION_NUMBER.matcher(q).matches()) {
            FunctionConfiguration version = versions.findVersion(name, q).orElseThrow(() -> notFound.version(arn));
            return new PolicyTarget(name, q, arn, version.revisionId(), Optional.empty(), Optional.empty());
        }
        if (!ALIAS_NAME.matcher(q).matches()) {
            throw notFound.version(arn);
        }
        Alias alias = versions.findAlias(name, q).orElseThrow(() -> notFound.alias(arn));
        return new PolicyTarget(name, q, arn, alias.revisionId(), Optional.empty(), Optional.of(alias));
    }

    /**
     * Gives the target the revision id {@code revisionId} if it has not changed since it was read; {@code false}
     * when it has (read it again). A published version keeps its revision id: it never changes.
     */
    boolean revise(PolicyTarget target, String revisionId) {
        if (target.function().isPresent()) {
            FunctionRecord current = target.function().get();
            FunctionRecord revised = new FunctionRecord(current.configuration().toBuilder().revisionId(revisionId)
                    .build(), current.tags());
            if (functions.replace(revised, current.revisionId()) != FunctionStore.ReplaceOutcome.REPLACED) {
                return false;
            }
            // only the policy changed: a version published from the old revision is still $LATEST's content
            versions.carryPublication(current.configuration().functionName(), current.revisionId(), revisionId);
            return true;
        }
        if (target.alias().isPresent()) {
            Alias a = target.alias().get();
            Alias revised = new Alias(a.functionName(), a.name(), a.functionVersion(), a.description(),
                    a.additionalVersion(), revisionId);
            return versions.replaceAlias(revised, a.revisionId()) == VersionStore.AliasWrite.WRITTEN;
        }
        return true;
    }

    /** Whether the function, version or alias a stored policy belongs to still exists. */
    boolean exists(FunctionPolicyStore.Key key) {
        if (functions.find(key.functionName()).isEmpty()) {
            return false;
        }
        String q = key.qualifier();
        return q.equals(FunctionPolicyStore.LATEST)
                || (VERSION_NUMBER.matcher(q).matches() ? versions.findVersion(key.functionName(), q).isPresent()
                        : versions.findAlias(key.functionName(), q).isPresent());
    }
}
