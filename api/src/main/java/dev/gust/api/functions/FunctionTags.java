package dev.gust.api.functions;

import dev.gust.core.Account;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.store.FunctionRecord;
import dev.gust.store.FunctionStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * TagResource, UntagResource and ListTags on functions: tags live in the function's record and change by
 * compare-and-set on its revision id, so a tag change never undoes a concurrent update. Thread-safe.
 */
public final class FunctionTags {

    private static final int MAX_CAS_ATTEMPTS = 16;

    private final Account account;
    private final FunctionStore functions;

    FunctionTags(Account account, FunctionStore functions) {
        this.account = account;
        this.functions = functions;
    }

    /** TagResource: adds or overwrites tags on an unqualified function ARN. */
    void tag(String resourceArn, Map<String, String> tags) {
        String name = requireTaggableFunction(resourceArn);
        if (tags == null) {
            throw LambdaException.validation("1 validation error detected: Value null at 'tags' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        FunctionSettingsRules.checkTags(tags);
        changeTags(name, current -> {
            Map<String, String> merged = new HashMap<>(current);
            merged.putAll(tags);
            FunctionSettingsRules.checkTags(merged);
            return merged;
        });
    }

    /** UntagResource: removes the given keys. */
    void untag(String resourceArn, List<String> keys) {
        String name = requireTaggableFunction(resourceArn);
        if (keys == null || keys.isEmpty()) {
            throw LambdaException.validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        changeTags(name, current -> {
            Map<String, String> remaining = new HashMap<>(current);
            keys.forEach(remaining::remove);
            return remaining;
        });
    }

    /** ListTags. */
    Map<String, String> tags(String resourceArn) {
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
        String pattern = "arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:"
                + "(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:([a-zA-Z0-9-_]+)|code-signing-config:"
                + "csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                + "[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)";
        if (resourceArn == null || !resourceArn.matches(pattern)) {
            throw LambdaException.validation("1 validation error detected: Value '" + resourceArn + "' at 'resource' "
                    + "failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern);
        }
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
