package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The control plane: CreateFunction latency with a 1 MB zip (incompressible, so the zip really is 1 MB), and
 * ListFunctions with 10,000 functions (one page of 50, and every page).
 */
final class ControlPlaneScenario implements Scenario {

    @Override
    public String name() {
        return "control-plane";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try (GustProcess gust = GustProcess.start(context, "control", Map.of(), List.of())) {
            byte[] blob = new byte[1 << 20];
            new Random(42).nextBytes(blob);
            List<Double> creates = new ArrayList<>();
            int big = context.scaled(30, 1);
            for (int i = 0; i < big; i++) {
                blob[0] = (byte) i; // a new package each time
                byte[] zip = NoopFunctions.zip(Map.of("handler.py", NoopFunctions.bytes(NoopFunctions.PYTHON),
                        "blob.bin", blob));
                creates.add(gust.lambda().createFunction("big-" + i, "python3.12", "handler.handler", zip, 128));
            }
            ObjectNode create = Stats.summary(creates);
            create.put("zip_bytes", NoopFunctions.zip(Map.of("handler.py", NoopFunctions.bytes(NoopFunctions.PYTHON),
                    "blob.bin", blob)).length);
            result.set("create_function_1mb", create);

            int total = context.scaled(10_000, 20);
            long start = System.nanoTime();
            createMany(gust, total - big);
            result.put("functions", total);
            result.put("create_all_seconds", LoadResult.round((System.nanoTime() - start) / 1e9));
            List<Double> firstPage = new ArrayList<>();
            for (int i = 0; i < context.scaled(50, 3); i++) {
                long t = System.nanoTime();
                gust.lambda().listFunctions(null, 50);
                firstPage.add((System.nanoTime() - t) / 1e6);
            }
            result.set("list_first_page_50", Stats.summary(firstPage));
            long t = System.nanoTime();
            int listed = 0;
            int pages = 0;
            String marker = null;
            do {
                JsonNode page = gust.lambda().listFunctions(marker, 50);
                listed += page.path("Functions").size();
                pages++;
                marker = page.path("NextMarker").isTextual() ? page.path("NextMarker").asText() : null;
            } while (marker != null);
            ObjectNode all = result.putObject("list_all_pages");
            all.put("listed", listed);
            all.put("pages", pages);
            all.put("total_ms", LoadResult.round((System.nanoTime() - t) / 1e6));
            all.put("per_page_ms", LoadResult.round((System.nanoTime() - t) / 1e6 / pages));
        }
        return result;
    }

    private static void createMany(GustProcess gust, int count) throws Exception {
        byte[] zip = NoopFunctions.python().zip();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Double>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "fn-" + i;
                futures.add(pool.submit(() -> gust.lambda().createFunction(name, "python3.12", "handler.handler", zip,
                        128)));
            }
            for (Future<Double> future : futures) {
                future.get();
            }
        } catch (RuntimeException e) {
            throw new IOException(e);
        }
    }
}
