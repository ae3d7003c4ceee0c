package dev.gust.sns;

import dev.gust.edge.EdgeException;
import dev.gust.edge.QueryXml;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code Publish} and {@code PublishBatch}: a message is acknowledged once its deliveries are in the outbox.
 * Thread-safe; handlers block on storage.
 */
final class PublishActions {

    private static final int MAX_BATCH = 10;

    private final TopicActions topics;
    private final Publisher publisher;

    PublishActions(TopicActions topics, Publisher publisher) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    void register(SnsService.Registry actions) {
        actions.add("Publish", this::publish);
        actions.add("PublishBatch", this::publishBatch);
    }

    private String publish(SnsRequest request) {
        SnsParameters p = request.parameters();
        if (p.get("PhoneNumber") != null) {
            throw SnsErrors.invalidParameter("PhoneNumber Reason: SMS is not supported by Gust");
        }
        String name = p.get("TopicArn") != null ? "TopicArn" : "TargetArn";
        if (p.get(name) == null) {
            throw SnsErrors.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
        }
        Topic topic = topics.topic(p, name);
        Publisher.Published published = publisher.publish(topic, new PublishRequest(p.get("Message"),
                p.get("Subject"), p.get("MessageStructure"), p.messageAttributes("MessageAttributes"),
                p.get("MessageGroupId"), p.get("MessageDeduplicationId")));
        return request.result("Publish").element("MessageId", published.messageId())
                .element("SequenceNumber", published.sequenceNumber()).end(request.requestId());
    }

    private String publishBatch(SnsRequest request) {
        SnsParameters p = request.parameters();
        Topic topic = topics.topic(p, "TopicArn");
        String prefix = "PublishBatchRequestEntries.member.";
        List<String> entries = new ArrayList<>();
        for (int i = 1; p.get(prefix + i + ".Id") != null || p.get(prefix + i + ".Message") != null; i++) {
            entries.add(prefix + i + ".");
        }
        if (entries.isEmpty()) {
            throw SnsErrors.batch("EmptyBatchRequest", "The batch request doesn't contain any entries");
        }
        if (entries.size() > MAX_BATCH) {
            throw SnsErrors.batch("TooManyEntriesInBatchRequest", "The batch request contains more entries than "
                    + "permissible.");
        }
        Set<String> ids = new HashSet<>();
        long total = 0;
        for (String entry : entries) {
            String id = p.get(entry + "Id");
            if (id == null || !id.matches("[A-Za-z0-9_-]{1,80}")) {
                throw SnsErrors.batch("InvalidBatchEntryId", "The Id of a batch entry in a batch request doesn't "
                        + "abide by the specification.");
            }
            if (!ids.add(id)) {
                throw SnsErrors.batch("BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the "
                        + "same Id.");
            }
            String message = p.get(entry + "Message");
            total += message == null ? 0 : message.length();
        }
        if (total > PublishValidation.MAX_MESSAGE_BYTES) {
            throw SnsErrors.batch("BatchRequestTooLong", "The length of all the messages put together is more than "
                    + "the limit.");
        }
        List<String[]> failed = new ArrayList<>();
        List<String[]> succeeded = new ArrayList<>();
        for (String entry : entries) {
            String id = p.get(entry + "Id");
            PublishRequest message = new PublishRequest(p.get(entry + "Message"), p.get(entry + "Subject"),
                    p.get(entry + "MessageStructure"), p.messageAttributes(entry + "MessageAttributes"),
                    p.get(entry + "MessageGroupId"), p.get(entry + "MessageDeduplicationId"));
            try {
                Map<String, String> perProtocol = PublishValidation.validate(topic, message);
                Publisher.Published published = publisher.publishValid(topic, message, perProtocol);
                succeeded.add(new String[] {id, published.messageId(), published.sequenceNumber()});
            } catch (EdgeException e) {
                failed.add(new String[] {id, e.code(), e.getMessage()});
            }
        }
        QueryXml xml = request.result("PublishBatch").open("Successful");
        for (String[] s : succeeded) {
            xml.open("member").element("Id", s[0]).element("MessageId", s[1]).element("SequenceNumber", s[2])
                    .close("member");
        }
        xml.close("Successful").open("Failed");
        for (String[] f : failed) {
            xml.open("member").element("Id", f[0]).element("Code", f[1]).element("Message", f[2])
                    .element("SenderFault", "true").close("member");
        }
        return xml.close("Failed").end(request.requestId());
    }
}
