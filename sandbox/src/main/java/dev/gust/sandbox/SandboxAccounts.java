package dev.gust.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The {@code /etc/passwd} and {@code /etc/group} a sandbox sees instead of the host's: Lambda's accounts, with the
 * function's user named {@code sbx_user1051} (its home {@code /home/sbx_user1051}, as on Lambda) whatever its uid, so
 * that {@code id}, Python's {@code getpass.getuser()}, Node's {@code os.homedir()} and Java's {@code user.name} work.
 *
 * <p>One pair of files per user, generated the first time the user is seen in a directory of its own and never
 * changed afterwards (their content depends only on the uid and gid); world-readable, bound read-only. Writers
 * that race write the same bytes and rename them into place, so the class is thread-safe and several servers may
 * share the directory.
 */
final class SandboxAccounts {

    /** Lambda's name for the function's user. */
    static final String USER_NAME = "sbx_user1051";

    /** Its home directory in {@code /etc/passwd}; it does not exist, as on Lambda. */
    static final String HOME = "/home/" + USER_NAME;

    private final Path directory;

    /** Accounts files kept below {@code directory} (created if missing). */
    SandboxAccounts(Path directory) {
        this.directory = directory;
    }

    /** Accounts files in a fresh directory below the system's temporary directory. */
    static SandboxAccounts temporary() {
        try {
            Path directory = Files.createTempDirectory("gust-accounts-");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            return new SandboxAccounts(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the sandbox's /etc/passwd", e);
        }
    }

    /** The host files to bind at {@code /etc/passwd} and {@code /etc/group} for a user, written if missing. */
    AccountFiles files(SandboxUser user) {
        Path dir = directory.resolve(user.uid() + "-" + user.gid());
        Path passwd = dir.resolve("passwd");
        Path group = dir.resolve("group");
        try {
            if (!Files.isRegularFile(group)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                write(passwd, passwd(user));
                write(group, group(user));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's /etc/passwd for uid " + user.uid(), e);
        }
        return new AccountFiles(passwd, group);
    }

    /** The content of {@code /etc/passwd}: root, nobody and the function's user. */
    static String passwd(SandboxUser user) {
        return "root:x:0:0:root:/root:/sbin/nologin\n"
                + "nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin\n"
                + USER_NAME + ":x:" + user.uid() + ":" + user.gid() + "::" + HOME + ":/sbin/nologin\n";
    }

    /** The content of {@code /etc/group}: root, nobody and the function's group. */
    static String group(SandboxUser user) {
        return "root:x:0:\nnobody:x:65534:\n" + USER_NAME + ":x:" + user.gid() + ":\n";
    }

    private static void write(Path target, String content) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), ".accounts-", ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The host paths of one user's {@code passwd} and {@code group}. */
    record AccountFiles(Path passwd, Path group) {
    }
}
