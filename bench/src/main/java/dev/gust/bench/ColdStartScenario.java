package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cold starts per runtime: the first invoke after CreateFunction and after UpdateFunctionCode, timed at the
 * client, with the REPORT line's Init Duration (sandbox launch until the runtime's first {@code GET /next}) and
 * Duration (the handler), and the rest (Gust's own work: pool, endpoint, process spawn hand-off, HTTP).
 */
final class ColdStartScenario implements Scenario {

    @Override
    public String name() {
        return "cold-start";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        int runs = context.scaled(10, 1);
        try (GustProcess gust = GustProcess.start(context, "cold", Map.of(), List.of())) {
            for (NoopFunctions.Runtime runtime : NoopFunctions.all(context.workDir())) {
                if (!context.measures(runtime.key())) {
                    continue;
                }
                ObjectNode each = result.putObject(runtime.key());
                each.put("runtime", runtime.runtime());
                List<LambdaHttp.Invoked> afterCreate = new ArrayList<>();
                List<LambdaHttp.Invoked> afterUpdate = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    String name = "cold-" + runtime.key() + "-" + i;
                    gust.lambda().createFunction(name, runtime.runtime(), runtime.handler(), runtime.zip(),
                            runtime.memoryMb());
                    gust.lambda().awaitReady(name);
                    afterCreate.add(checked(gust.lambda().invoke(name, "{}")));
                    gust.lambda().updateFunctionCode(name, withExtraFile(runtime.zip(), i));
                    gust.lambda().awaitReady(name);
                    afterUpdate.add(checked(gust.lambda().invoke(name, "{}")));
                }
                each.set("after_create", breakdown(afterCreate));
                each.set("after_update", breakdown(afterUpdate));
            }
        }
        return result;
    }

    private static LambdaHttp.Invoked checked(LambdaHttp.Invoked invoked) throws IOException {
        if (invoked.status() != 200 || invoked.functionError() || invoked.initDurationMs().isEmpty()) {
            throw new IOException("a cold invoke failed or was not cold: " + invoked);
        }
        return invoked;
    }

    private static ObjectNode breakdown(List<LambdaHttp.Invoked> invokes) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("client", Stats.summary(invokes.stream().map(LambdaHttp.Invoked::clientMs).toList()));
        node.set("init", Stats.summary(invokes.stream().map(i -> i.initDurationMs().orElseThrow()).toList()));
        node.set("handler", Stats.summary(invokes.stream().map(LambdaHttp.Invoked::durationMs).toList()));
        node.set("gust_overhead", Stats.summary(invokes.stream()
                .map(i -> i.clientMs() - i.initDurationMs().orElseThrow() - i.durationMs()).toList()));
        return node;
    }

    /** The same package plus one small file, so UpdateFunctionCode stores a new package. */
    static byte[] withExtraFile(byte[] zip, int counter) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var in = new org.apache.commons.compress.archivers.zip.ZipFile.Builder()
                .setByteArray(zip).get();
             var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(bytes)) {
            var entries = in.getEntries();
            while (entries.hasMoreElements()) {
                var entry = entries.nextElement();
                out.putArchiveEntry(entry);
                in.getInputStream(entry).transferTo(out);
                out.closeArchiveEntry();
            }
            out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("version.txt"));
            out.write(Integer.toString(counter + 1).getBytes());
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
