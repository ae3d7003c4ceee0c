package dev.gust.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of processes from {@code /proc}: RSS and PSS (shared pages divided among the processes sharing them)
 * from {@code smaps_rollup}, and a JVM's heap in use after a full GC through {@code jcmd}.
 */
final class ProcessMemory {

    /** Kilobytes of RSS and PSS. */
    record Usage(long rssKb, long pssKb, int processes) {
        Usage plus(Usage other) {
            return new Usage(rssKb + other.rssKb, pssKb + other.pssKb, processes + other.processes);
        }
    }

    private static final Pattern RSS = Pattern.compile("(?m)^Rss:\\s+(\\d+) kB");
    private static final Pattern PSS = Pattern.compile("(?m)^Pss:\\s+(\\d+) kB");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private ProcessMemory() {
    }

    static Usage of(long pid) {
        try {
            String rollup = Files.readString(Path.of("/proc/" + pid + "/smaps_rollup"));
            return new Usage(kb(RSS, rollup), kb(PSS, rollup), 1);
        } catch (IOException gone) {
            return new Usage(0, 0, 0);
        }
    }

    /** The sum over every descendant of {@code pid} (the sandboxes and runtimes a Gust server started). */
    static Usage descendants(long pid) {
        Usage total = new Usage(0, 0, 0);
        for (ProcessHandle child : ProcessHandle.of(pid).orElseThrow().descendants().toList()) {
            total = total.plus(of(child.pid()));
        }
        return total;
    }

    /** Heap in use after a full GC, in kilobytes. */
    static long heapAfterGcKb(Path java, long pid) throws IOException {
        Path jcmd = java.getParent().resolve("jcmd");
        jcmd(jcmd, pid, "GC.run");
        String info = jcmd(jcmd, pid, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IOException("no heap usage in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private static String jcmd(Path jcmd, long pid, String command) throws IOException {
        Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException("jcmd " + command + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }

    private static long kb(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
