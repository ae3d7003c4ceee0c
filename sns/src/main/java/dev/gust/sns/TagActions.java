package dev.gust.sns;

import dev.gust.edge.QueryXml;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** {@code TagResource}, {@code UntagResource} and {@code ListTagsForResource} on topics. Thread-safe. */
final class TagActions {

    private final SnsRegistry registry;

    TagActions(SnsRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    void register(SnsService.Registry actions) {
        actions.add("TagResource", this::tag);
        actions.add("UntagResource", this::untag);
        actions.add("ListTagsForResource", this::list);
    }

    private Topic topic(SnsParameters p) {
        String arn = p.get("ResourceArn");
        if (arn == null || TopicKey.parse(arn).isEmpty()) {
            throw SnsErrors.invalidParameter("ResourceArn");
        }
        return registry.topic(arn).orElseThrow(SnsErrors::resourceNotFound);
    }

    private String tag(SnsRequest request) {
        Topic topic = topic(request.parameters());
        Map<String, String> added = request.parameters().tags();
        synchronized (registry) {
            Topic current = registry.topic(topic.arn()).orElseThrow(SnsErrors::resourceNotFound);
            Map<String, String> tags = new LinkedHashMap<>(current.tags());
            tags.putAll(added);
            TopicActions.checkTags(tags);
            registry.put(current.withTags(tags));
        }
        return request.result("TagResource").end(request.requestId());
    }

    private String untag(SnsRequest request) {
        Topic topic = topic(request.parameters());
        synchronized (registry) {
            Topic current = registry.topic(topic.arn()).orElseThrow(SnsErrors::resourceNotFound);
            Map<String, String> tags = new LinkedHashMap<>(current.tags());
            request.parameters().members("TagKeys").forEach(tags::remove);
            registry.put(current.withTags(tags));
        }
        return request.result("UntagResource").end(request.requestId());
    }

    private String list(SnsRequest request) {
        Topic topic = topic(request.parameters());
        QueryXml xml = request.result("ListTagsForResource").open("Tags");
        topic.tags().forEach((k, v) -> xml.open("member").element("Key", k).element("Value", v).close("member"));
        return xml.close("Tags").end(request.requestId());
    }
}
