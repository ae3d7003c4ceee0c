package dev.gust.api.esm;

import dev.gust.api.functions.ResourceTags;
import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import dev.gust.store.EventSourceMappingStore;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * TagResource, UntagResource and ListTags on one namespace's event source mappings
 * ({@code arn:aws:lambda:REGION:ACCOUNT:event-source-mapping:UUID}): the tags live with the mapping and change
 * atomically in the store. Thread-safe; calls block on storage.
 */
public final class MappingTags implements ResourceTags {

    private final Account account;
    private final EventSourceMappingStore mappings;

    MappingTags(Account account, EventSourceMappingStore mappings) {
        this.account = account;
        this.mappings = mappings;
    }

    /** Whether {@code resourceArn} names an event source mapping (of any namespace), rather than a function. */
    public static boolean names(String resourceArn) {
        return resourceArn != null && resourceArn.contains(":event-source-mapping:");
    }

    @Override
    public void tag(String resourceArn, Map<String, String> tags) {
        String uuid = requireMapping(resourceArn);
        ResourceTags.checkTags(tags);
        change(resourceArn, uuid, current -> ResourceTags.merged(current, tags));
    }

    @Override
    public void untag(String resourceArn, List<String> keys) {
        String uuid = requireMapping(resourceArn);
        ResourceTags.checkKeys(keys);
        change(resourceArn, uuid, current -> ResourceTags.without(current, keys));
    }

    @Override
    public Map<String, String> tags(String resourceArn) {
        return mappings.tags(requireMapping(resourceArn)).orElseThrow(() -> notFound(resourceArn));
    }

    private void change(String resourceArn, String uuid,
            UnaryOperator<Map<String, String>> change) {
        mappings.changeTags(uuid, change).orElseThrow(() -> notFound(resourceArn));
    }

    /** The UUID a mapping's ARN names, once the ARN is checked: of this namespace's region, else not found. */
    private String requireMapping(String resourceArn) {
        ResourceTags.requireResourcePattern(resourceArn);
        String uuid = resourceArn.substring(resourceArn.lastIndexOf(':') + 1);
        if (!resourceArn.equals(account.eventSourceMappingArn(uuid))) {
            throw notFound(resourceArn);
        }
        return uuid;
    }

    private static LambdaException notFound(String resourceArn) {
        return LambdaException.resourceNotFound("Event source mapping not found: " + resourceArn);
    }
}
