package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor: nginx answering {@code {}} on loopback, driven by the same load generator, at every concurrency.
 * Its throughput, far above Gust's, shows that the load generator is not the bottleneck; {@code wrk} cross-checks
 * the load generator at the highest concurrency.
 */
final class FloorScenario implements Scenario {

    private static final Pattern WRK_RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try (FloorServer floor = FloorServer.start(context.workDir(), "auto")) {
            result.put("server", "nginx " + nginxVersion() + ", worker_processes auto, return 200 \"{}\"");
            result.set("points", Curves.measure(context, () -> floor.request("{}")));
            int connections = context.concurrencies().getLast();
            result.set("wrk", wrk(floor.port(), connections, context));
        }
        return result;
    }

    private static ObjectNode wrk(int port, int connections, BenchContext context) throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        long seconds = Math.max(1, context.duration().toSeconds());
        Process process = new ProcessBuilder(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s",
                "http://127.0.0.1:" + port + "/")).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = WRK_RPS.matcher(output);
        node.put("connections", connections);
        node.put("threads", 1);
        node.put("rps", m.find() ? Double.parseDouble(m.group(1)) : -1);
        return node;
    }

    private static String nginxVersion() throws IOException {
        Process process = new ProcessBuilder(FloorServer.NGINX.toString(), "-v").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int slash = output.indexOf('/');
        return slash < 0 ? output : output.substring(slash + 1);
    }
}
