package dev.gust.api.functions;

import dev.gust.core.Account;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.store.FunctionRecord;
import dev.gust.store.FunctionStore;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * TagResource, UntagResource and ListTags on functions: tags live in the function's record and change by
 * compare-and-set on its revision id, so a tag change never undoes a concurrent update. Thread-safe.
 */
public final class FunctionTags implements ResourceTags {

    private static final int MAX_CAS_ATTEMPTS = 16;

    private final Account account;
    private final FunctionStore functions;

    FunctionTags(Account account, FunctionStore functions) {
        this.account = account;
        this.functions = functions;
    }

    /** TagResource: adds or overwrites tags on an unqualified function ARN. */
    @Override
    public void tag(String resourceArn, Map<String, String> tags) {
        String name = requireTaggableFunction(resourceArn);
        ResourceTags.checkTags(tags);
        changeTags(name, current -> ResourceTags.merged(current, tags));
    }

    /** UntagResource: removes the given keys. */
    @Override
    public void untag(String resourceArn, List<String> keys) {
        String name = requireTaggableFunction(resourceArn);
        ResourceTags.checkKeys(keys);
        changeTags(name, current -> ResourceTags.without(current, keys));
    }

    /** ListTags. */
    @Override
    public Map<String, String> tags(String resourceArn) {
        return require(requireTaggableFunction(resourceArn)).tags();
    }

    private void changeTags(String name, UnaryOperator<Map<String, String>> change) {
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            FunctionRecord current = require(name);
            FunctionRecord updated = new FunctionRecord(current.configuration(), change.apply(current.tags()));
            switch (functions.replace(updated, current.revisionId())) {
                case REPLACED -> {
                    return;
                }
                case NOT_FOUND -> throw LambdaException.functionNotFound(account.functionArn(name));
                case REVISION_MISMATCH -> {
                    // retry on top of the concurrent change
                }
            }
        }
        throw LambdaException.updateInProgress(account.functionArn(name));
    }

    private String requireTaggableFunction(String resourceArn) {
        ResourceTags.requireResourcePattern(resourceArn);
        if (!resourceArn.contains(":function:")) {
            throw LambdaException.resourceNotFound("The resource you requested does not exist.");
        }
        FunctionReference reference = FunctionReference.parse(resourceArn, account);
        if (reference.qualifier().isPresent()) {
            throw LambdaException.invalidParameterValue(
                    "Tags on function aliases and versions are not supported. Please specify a function ARN.");
        }
        return reference.name();
    }

    private FunctionRecord require(String name) {
        return functions.find(name).orElseThrow(() -> LambdaException.functionNotFound(account.functionArn(name)));
    }
}
