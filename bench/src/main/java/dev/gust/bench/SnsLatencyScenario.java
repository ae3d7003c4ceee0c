package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The latency from {@code Publish} to the handler starting: a topic with one {@code lambda} subscription (SNS invokes
 * the function asynchronously, with the function policy's permission for {@code sns.amazonaws.com}), one message at a
 * time, to a warm Python function that records its start ({@link HandlerStarts}).
 */
final class SnsLatencyScenario implements Scenario {

    @Override
    public String name() {
        return "sns-latency";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try (GustProcess gust = GustProcess.start(context, "sns-latency", Map.of(), List.of())) {
            String function = HandlerStarts.createFunction(gust, "sns-latency");
            SnsHttp sns = new SnsHttp(gust.port(), GustProcess.signer());
            String topic = sns.createTopic("latency");
            gust.lambda().addPermission(function, "sns", "sns.amazonaws.com", topic);
            sns.subscribe(topic, "lambda", "arn:aws:lambda:" + GustProcess.REGION + ":000000000000:function:"
                    + function);
            HandlerStarts starts = new HandlerStarts(gust.dataDir(), function);
            HandlerStarts.Samples samples = HandlerStarts.measure(context, starts, id -> sns.publish(topic, id));
            result.set("publish_to_handler_start", Stats.summary(samples.latencies()));
            result.set("publish_acknowledged", Stats.summary(samples.acknowledged()));
            result.set("acknowledged_to_handler_start", Stats.summary(samples.afterAcknowledged()));
        }
        return result;
    }
}
