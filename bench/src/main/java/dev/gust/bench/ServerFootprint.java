package dev.gust.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a running Gust server holds at one moment, read from {@code /proc}, its cgroups and its data dir; immutable.
 *
 * @param rssKb the server process's resident set ({@code VmRSS})
 * @param fds the server process's open file descriptors
 * @param threads the server process's threads
 * @param processes the server's descendants: launchers, sandboxes and functions
 * @param cgroups instance cgroups under Gust's parent cgroup {@code gust/} ({@code -1} without cgroups)
 * @param diskKb the data dir without its function logs (database, code, runtimes)
 * @param logsKb the function logs in the data dir
 */
record ServerFootprint(long rssKb, long fds, long threads, long processes, long cgroups, long diskKb, long logsKb) {

    /** The metrics in CSV and check order, with their column names. */
    static final String[] METRICS = {"rss_kb", "fds", "threads", "processes", "cgroups", "disk_kb"};

    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");
    private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");
    private static final Pattern CGROUP_PARENT = Pattern.compile("under (/\\S+)");

    /**
     * Samples the server {@code pid}.
     *
     * @param sandbox the server's sandbox description (its health endpoint's {@code engine.sandbox}), which names
     *     the parent cgroup
     */
    static ServerFootprint of(long pid, String sandbox, Path dataDir) throws IOException {
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        long fds;
        try (Stream<Path> entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds = entries.count();
        }
        long processes = ProcessHandle.of(pid).map(server -> server.descendants().count()).orElse(0L);
        Path logs = dataDir.resolve("logs");
        return new ServerFootprint(number(RSS, status), fds, number(THREADS, status), processes, cgroups(sandbox),
                kilobytes(dataDir, logs), kilobytes(logs, null));
    }

    /** The value of metric {@code index} of {@link #METRICS}. */
    long metric(int index) {
        return switch (index) {
            case 0 -> rssKb;
            case 1 -> fds;
            case 2 -> threads;
            case 3 -> processes;
            case 4 -> cgroups;
            case 5 -> diskKb;
            default -> throw new IllegalArgumentException("no metric " + index);
        };
    }

    private static long cgroups(String sandbox) throws IOException {
        Matcher parent = CGROUP_PARENT.matcher(sandbox);
        if (!parent.find()) {
            return -1;
        }
        try (Stream<Path> entries = Files.list(Path.of(parent.group(1)))) {
            return entries.filter(Files::isDirectory).count();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** The allocated size of the files below {@code dir}, leaving out {@code excluded}. */
    private static long kilobytes(Path dir, Path excluded) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        AtomicLong bytes = new AtomicLong();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(file -> excluded == null || !file.startsWith(excluded)).filter(Files::isRegularFile)
                    .forEach(file -> bytes.addAndGet(size(file).orElse(0L)));
        } catch (UncheckedIOException e) {
            // a file deleted during the walk (an instance's code, a rotated log): the next sample sees the rest
        }
        return bytes.get() / 1024;
    }

    private static Optional<Long> size(Path file) {
        try {
            return Optional.of(Files.size(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long number(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
