package dev.gust.sqs;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Props;
import org.elasticmq.QueueData;
import org.elasticmq.actor.queue.OperationSuccessful$;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata$;
import org.elasticmq.persistence.sql.DBMessage;
import org.elasticmq.persistence.sql.DBMessage$;
import org.elasticmq.persistence.sql.DBQueue$;

/**
 * ElasticMQ's queue event listener for one namespace: writes every queue and message event into the
 * {@link QueueJournal} and answers a message event ({@code MessageAdded}, {@code MessageUpdated},
 * {@code MessageRemoved}) only once it is committed, so ElasticMQ replies to the client only after the change is
 * durable. Also takes two messages of Gust's own: {@link Flush} (completes after every change before it is durable)
 * and {@link Purge} (PurgeQueue, of which ElasticMQ emits no event). An actor: one message at a time.
 */
final class JournalListener extends AbstractActor {

    /** Completes {@code done} once every change this listener received before it is durable. */
    record Flush(CompletableFuture<Void> done) {
    }

    /** Removes the messages of {@code queue} created at or before {@code createdUpTo} (epoch millis). */
    record Purge(String queue, long createdUpTo, CompletableFuture<Void> done) {
    }

    private final QueueJournal journal;

    private JournalListener(QueueJournal journal) {
        this.journal = journal;
    }

    static Props props(QueueJournal journal) {
        return Props.create(JournalListener.class, () -> new JournalListener(journal));
    }

    @Override
    public Receive createReceive() {
        return receiveBuilder()
                .match(QueueEvent.QueueCreated.class, e -> putQueue(e.queue()))
                .match(QueueEvent.QueueMetadataUpdated.class, e -> putQueue(e.queue()))
                .match(QueueEvent.QueueDeleted.class, e -> journal.write(c -> {
                    try (var s = c.prepareStatement("DELETE FROM queues WHERE name = ?")) {
                        s.setString(1, e.queueName());
                        s.executeUpdate();
                    }
                    try (var s = c.prepareStatement("DELETE FROM messages WHERE queue = ?")) {
                        s.setString(1, e.queueName());
                        s.executeUpdate();
                    }
                }, null))
                .match(QueueEvent.MessageAdded.class, e -> addMessage(e.queueName(), DBMessage$.MODULE$.from(e.message())))
                .match(QueueEvent.MessageUpdated.class, e -> updateMessage(e.queueName(),
                        DBMessage$.MODULE$.from(e.message())))
                .match(QueueEvent.MessageRemoved.class, e -> journal.write(c -> {
                    try (var s = c.prepareStatement("DELETE FROM messages WHERE queue = ? AND id = ?")) {
                        s.setString(1, e.queueName());
                        s.setString(2, e.messageId());
                        s.executeUpdate();
                    }
                }, acknowledge()))
                .match(Flush.class, f -> journal.write(c -> { }, () -> f.done().complete(null)))
                .match(Purge.class, p -> journal.write(c -> {
                    try (var s = c.prepareStatement("DELETE FROM messages WHERE queue = ? AND created <= ?")) {
                        s.setString(1, p.queue());
                        s.setLong(2, p.createdUpTo());
                        s.executeUpdate();
                    }
                }, () -> p.done().complete(null)))
                .build();
    }

    /** Tells this message's sender (a queue actor) that its change is durable. */
    private Runnable acknowledge() {
        ActorRef sender = getSender();
        ActorRef self = getSelf();
        return () -> sender.tell(OperationSuccessful$.MODULE$, self);
    }

    private void putQueue(QueueData queue) {
        byte[] data = DBQueue$.MODULE$.from(CreateQueueMetadata$.MODULE$.from(queue)).data();
        journal.write(c -> {
            try (var s = c.prepareStatement("INSERT INTO queues (name, data) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET data = excluded.data")) {
                s.setString(1, queue.name());
                s.setBytes(2, data);
                s.executeUpdate();
            }
        }, null);
    }

    private void addMessage(String queue, DBMessage m) {
        journal.write(c -> {
            try (var s = c.prepareStatement("INSERT OR REPLACE INTO messages (queue, id, delivery_receipts,"
                    + " next_delivery, content, attributes, created, received, receive_count, group_id,"
                    + " deduplication_id, tracing_id, sequence_number, dead_letter_source)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, queue);
                s.setString(2, m.messageId());
                s.setBytes(3, m.deliveryReceipts());
                s.setLong(4, m.nextDelivery());
                s.setBytes(5, m.content());
                s.setBytes(6, m.attributes());
                s.setLong(7, m.created());
                s.setObject(8, m.received().isDefined() ? m.received().get() : null);
                s.setInt(9, m.receiveCount());
                s.setString(10, ScalaOptions.orNull(m.groupId()));
                s.setString(11, ScalaOptions.orNull(m.deduplicationId()));
                s.setString(12, ScalaOptions.orNull(m.tracingId()));
                s.setString(13, ScalaOptions.orNull(m.sequenceNumber()));
                s.setString(14, ScalaOptions.orNull(m.deadLetterSourceQueueName()));
                s.executeUpdate();
            }
            String source = ScalaOptions.orNull(m.deadLetterSourceQueueName());
            if (source != null && !source.equals(queue)) {
                // moved to its dead-letter queue on a receive: ElasticMQ emits no removal from the source queue
                try (var s = c.prepareStatement("DELETE FROM messages WHERE queue = ? AND id = ?")) {
                    s.setString(1, source);
                    s.setString(2, m.messageId());
                    s.executeUpdate();
                }
            }
        }, acknowledge());
    }

    private void updateMessage(String queue, DBMessage m) {
        journal.write(c -> {
            try (var s = c.prepareStatement("UPDATE messages SET delivery_receipts = ?, next_delivery = ?,"
                    + " attributes = ?, received = ?, receive_count = ?, tracing_id = ?, sequence_number = ?,"
                    + " dead_letter_source = ? WHERE queue = ? AND id = ?")) {
                s.setBytes(1, m.deliveryReceipts());
                s.setLong(2, m.nextDelivery());
                s.setBytes(3, m.attributes());
                s.setObject(4, m.received().isDefined() ? m.received().get() : null);
                s.setInt(5, m.receiveCount());
                s.setString(6, ScalaOptions.orNull(m.tracingId()));
                s.setString(7, ScalaOptions.orNull(m.sequenceNumber()));
                s.setString(8, ScalaOptions.orNull(m.deadLetterSourceQueueName()));
                s.setString(9, queue);
                s.setString(10, m.messageId());
                s.executeUpdate();
            }
        }, acknowledge());
    }
}
