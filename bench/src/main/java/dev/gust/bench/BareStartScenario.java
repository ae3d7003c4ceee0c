package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;

/**
 * Bare runtime starts, the yardstick for cold starts: {@code python3 -c pass}, {@code node -e 0}, a Java hello world
 * (on the JDK Gust gives {@code java21} functions) and the static C bootstrap, each started and waited for.
 */
final class BareStartScenario implements Scenario {

    @Override
    public String name() {
        return "bare-start";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        Path hello = Files.createDirectories(context.workDir().resolve("hello"));
        Files.writeString(hello.resolve("Hello.java"),
                "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }");
        if (ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", hello.toString(),
                hello.resolve("Hello.java").toString()) != 0) {
            throw new IOException("javac failed for Hello");
        }
        Path bootstrap = context.workDir().resolve("provided-noop/bootstrap");
        if (!Files.exists(bootstrap)) {
            NoopFunctions.provided(context.workDir());
        }
        Map<String, List<String>> commands = new LinkedHashMap<>();
        commands.put("python", List.of("/usr/bin/python3", "-c", "pass"));
        commands.put("nodejs", List.of("/usr/bin/node", "-e", "0"));
        commands.put("java", List.of(context.java().toString(), "-cp", hello.toString(), "Hello"));
        commands.put("ruby", List.of("/usr/bin/ruby", "-e", "0"));
        commands.put("provided", List.of("/bin/true"));
        int runs = context.scaled(20, 3);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, List<String>> command : commands.entrySet()) {
            List<Double> samples = new ArrayList<>();
            time(command.getValue()); // page cache
            for (int i = 0; i < runs; i++) {
                samples.add(time(command.getValue()));
            }
            ObjectNode each = Stats.summary(samples);
            each.put("command", String.join(" ", command.getValue()));
            result.set(command.getKey(), each);
        }
        return result;
    }

    /** Milliseconds from starting the process to its exit. */
    static double time(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int exit = process.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit);
        }
        return ms;
    }
}
