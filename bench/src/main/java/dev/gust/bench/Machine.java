package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The machine and the build a run measured: CPU, memory, kernel, JDK, commit, and the run's settings. */
final class Machine {

    private Machine() {
    }

    static ObjectNode describe(BenchContext context) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("date", Instant.now().toString());
        node.put("commit", command("git", "rev-parse", "--short", "HEAD"));
        node.put("cpu", firstLine("/proc/cpuinfo", "model name"));
        node.put("cores", Runtime.getRuntime().availableProcessors());
        node.put("memory", firstLine("/proc/meminfo", "MemTotal"));
        node.put("kernel", command("uname", "-r"));
        node.put("load_average_at_start", firstLine("/proc/loadavg", ""));
        node.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        node.put("mode", context.smoke() ? "smoke" : "full");
        node.put("warmup", context.warmup().toString());
        node.put("duration", context.duration().toString());
        node.put("repeats", context.repeats());
        node.put("concurrency", context.concurrencies().toString());
        return node;
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .map(l -> l.contains(":") ? l.substring(l.indexOf(':') + 1).trim() : l.trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new String(process.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
