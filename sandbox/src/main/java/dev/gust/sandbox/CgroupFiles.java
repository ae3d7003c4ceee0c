package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;

/** Reads and writes cgroupfs control files; stateless. */
final class CgroupFiles {

    private static final int REMOVE_ATTEMPTS = 200;
    private static final long REMOVE_PAUSE_MILLIS = 5;
    private static final int KILL_ROUNDS = 20;

    private CgroupFiles() {
    }

    /** Writes a control file (cgroupfs creates them with the directory; the kernel rejects new files). */
    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Writes a control file if the kernel offers it; returns whether it did. */
    static boolean writeIfPresent(Path file, String value) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        write(file, value);
        return true;
    }

    /** Reads a single-number file ({@code max} reads as {@link Long#MAX_VALUE}); empty if unreadable. */
    static OptionalLong readNumber(Path file) {
        try {
            String text = Files.readString(file).trim();
            return OptionalLong.of(text.equals("max") ? Long.MAX_VALUE : Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Reads the value of {@code key} from a flat-keyed file ({@code oom_kill 1}); empty if absent. */
    static OptionalLong readKey(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2 && parts[0].equals(key)) {
                    return OptionalLong.of(Long.parseLong(parts[1]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** Reads the pids of a {@code cgroup.procs} file; empty if unreadable. */
    static List<Long> pids(Path procsFile) {
        try {
            return Files.readAllLines(procsFile).stream().map(String::trim).filter(line -> !line.isEmpty())
                    .map(Long::parseLong).toList();
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
    }

    /** Sends {@code SIGKILL} to the processes listed in {@code procsFile} until it lists none, a few rounds. */
    static void killAll(Path procsFile) {
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<Long> pids = pids(procsFile);
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(ProcessTree::killPid);
        }
    }

    /** Creates a cgroup directory, replacing a leftover empty one of the same name. */
    static void createFresh(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            Files.delete(dir);
            Files.createDirectory(dir);
        }
    }

    /**
     * Removes a cgroup directory (cgroupfs allows {@code rmdir} despite the control files), retrying while the
     * kernel still counts exiting processes in it. A missing directory counts as removed.
     */
    static void remove(Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.deleteIfExists(dir);
                return;
            } catch (NoSuchFileException e) {
                return;
            } catch (DirectoryNotEmptyException e) {
                throw e;
            } catch (FileSystemException e) {
                if (attempt >= REMOVE_ATTEMPTS) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(REMOVE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while removing a cgroup", e);
        }
    }
}
