package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The peer: serverless-offline with the same Node.js handler, invoked through its Lambda invoke port, next to
 * Gust's {@code nodejs} no-op measured in the same scenario (each Gust instance in its own bubblewrap sandbox).
 */
final class PeerScenario implements Scenario {

    @Override
    public String name() {
        return "peer";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("peer", "serverless-offline " + PeerServer.OFFLINE + " (serverless " + PeerServer.SERVERLESS
                + "), handlers in worker threads (its default)");
        try (PeerServer peer = PeerServer.start(context.peerDir(), false)) {
            var check = LoadGenerator.run(peer.request("{}"), 1, java.time.Duration.ZERO, java.time.Duration.ofSeconds(1));
            if (check.requests() == 0 || check.errors() > 0) {
                throw new IllegalStateException("serverless-offline does not answer invokes; see its offline.log");
            }
            LoadGenerator.run(peer.request("{}"), context.concurrencies().getLast(), context.warmup(), context.warmup());
            result.set("peer_points", Curves.measure(context, () -> peer.request("{}")));
        }
        try (GustProcess gust = GustProcess.start(context, "peer", Map.of(), List.of())) {
            NoopFunctions.Runtime node = NoopFunctions.node();
            gust.lambda().createFunction("noop-nodejs", node.runtime(), node.handler(), node.zip(), node.memoryMb());
            gust.lambda().awaitReady("noop-nodejs");
            LoadGenerator.run(gust.invokeRequest("noop-nodejs", "{}", Map.of()), context.concurrencies().getLast(),
                    context.warmup(), context.warmup());
            result.set("gust_points", Curves.measure(context, () -> gust.invokeRequest("noop-nodejs", "{}", Map.of())));
            result.put("gust_instances", gust.instances());
        }
        return result;
    }
}
