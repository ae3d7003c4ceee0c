package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The latency from {@code SendMessage} to the handler starting, through an event source mapping with no batching
 * window: one message at a time (the next is sent once the handler started for the previous one), to a warm Python
 * function that records its start ({@link HandlerStarts}). The clock starts just before {@code SendMessage} is sent,
 * so the send's own round trip (durable before it is answered) is part of it; it is reported beside it, and so is
 * the time from that answer to the handler's start (what the poller and the invoke add).
 */
final class SqsLatencyScenario implements Scenario {

    @Override
    public String name() {
        return "sqs-latency";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try (GustProcess gust = GustProcess.start(context, "sqs-latency", Map.of(), List.of())) {
            String function = HandlerStarts.createFunction(gust, "sqs-latency");
            SqsHttp sqs = new SqsHttp(gust.port(), GustProcess.signer());
            String queue = sqs.createQueue("latency");
            String mapping = gust.lambda().createEventSourceMapping(function, sqs.queueArn(queue), 10, 0);
            gust.lambda().awaitMappingState(mapping, "Enabled");
            HandlerStarts starts = new HandlerStarts(gust.dataDir(), function);
            HandlerStarts.Samples samples = HandlerStarts.measure(context, starts, id -> sqs.send(queue, id));
            result.set("send_to_handler_start", Stats.summary(samples.latencies()));
            result.set("send_acknowledged", Stats.summary(samples.acknowledged()));
            result.set("acknowledged_to_handler_start", Stats.summary(samples.afterAcknowledged()));
            gust.lambda().deleteEventSourceMapping(mapping);
        }
        return result;
    }
}
