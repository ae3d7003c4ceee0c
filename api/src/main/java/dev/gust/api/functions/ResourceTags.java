package dev.gust.api.functions;

import dev.gust.core.LambdaException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags of one kind of Lambda resource (functions, event source mappings): what TagResource, UntagResource and
 * ListTags do to a resource ARN of that kind, with Lambda's rules. Implementations are thread-safe.
 */
public interface ResourceTags {

    /** The model's pattern of a taggable resource's ARN ({@code Resource}), as AWS reports it. */
    String RESOURCE_PATTERN = "arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:"
            + "(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:([a-zA-Z0-9-_]+)|code-signing-config:"
            + "csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)";

    /** TagResource: adds or overwrites tags. */
    void tag(String resourceArn, Map<String, String> tags);

    /** UntagResource: removes the given keys. */
    void untag(String resourceArn, List<String> keys);

    /** ListTags. */
    Map<String, String> tags(String resourceArn);

    /**
     * Checks a {@code Resource} against the model's pattern.
     *
     * @throws LambdaException ValidationException with AWS's message
     */
    static void requireResourcePattern(String resourceArn) {
        if (resourceArn == null || !resourceArn.matches(RESOURCE_PATTERN)) {
            throw LambdaException.validation("1 validation error detected: Value '" + resourceArn + "' at 'resource' "
                    + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + RESOURCE_PATTERN);
        }
    }

    /**
     * Checks TagResource's {@code Tags} and the tags a resource would then have: at most 50, keys 1-128 and values up
     * to 256 characters, no {@code aws:} prefix.
     *
     * @throws LambdaException ValidationException for no tags, InvalidParameterValueException for AWS's limits
     */
    static void checkTags(Map<String, String> tags) {
        if (tags == null) {
            throw LambdaException.validation("1 validation error detected: Value null at 'tags' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        FunctionSettingsRules.checkTags(tags);
    }

    /**
     * TagResource's change: {@code current} with {@code tags} added or overwritten.
     *
     * @throws LambdaException InvalidParameterValueException when the result breaks AWS's limits
     */
    static Map<String, String> merged(Map<String, String> current, Map<String, String> tags) {
        Map<String, String> merged = new HashMap<>(current);
        merged.putAll(tags);
        FunctionSettingsRules.checkTags(merged);
        return merged;
    }

    /** UntagResource's change: {@code current} without {@code keys}. */
    static Map<String, String> without(Map<String, String> current, List<String> keys) {
        Map<String, String> remaining = new HashMap<>(current);
        keys.forEach(remaining::remove);
        return remaining;
    }

    /**
     * Checks UntagResource's {@code TagKeys}.
     *
     * @throws LambdaException ValidationException for no keys
     */
    static void checkKeys(List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            throw LambdaException.validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy "
                    + "constraint: Member must not be null");
        }
    }
}
