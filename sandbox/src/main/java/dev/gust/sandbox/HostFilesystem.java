package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of the host's file system every sandbox sees, read-only: {@code /usr}, the top-level library and
 * binary directories (symbolic links into {@code /usr} on merged-usr systems such as Debian 12), and a minimal
 * {@code /etc} whose {@code passwd} and {@code group} are Lambda's ({@link SandboxAccounts}), not the host's;
 * immutable once built, thread-safe.
 */
final class HostFilesystem {

    /** Top-level directories that hold binaries and libraries. */
    static final List<String> TOP_LEVEL = List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32");

    /**
     * Files of {@code /etc} a function needs for name resolution, TLS and time, and nothing else:
     * {@code /etc/ssl/private}, {@code /etc/shadow}, the host's accounts and configuration stay invisible.
     */
    static final List<String> ETC = List.of(
            "resolv.conf", "hosts", "host.conf", "gai.conf", "nsswitch.conf", "localtime",
            "timezone", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives", "mime.types",
            "ssl/certs", "ssl/openssl.cnf", "ca-certificates.conf",
            "pki/tls/certs", "pki/tls/openssl.cnf", "pki/ca-trust/extracted", "crypto-policies/back-ends");

    private final List<Entry> entries;
    private final SandboxAccounts accounts;
    /** The resolv.conf to bind instead of the host's in an instance's own network namespace, if any. */
    private final Optional<String> ownNetworkResolvConf;

    private HostFilesystem(List<Entry> entries, SandboxAccounts accounts, Optional<String> ownNetworkResolvConf) {
        this.entries = List.copyOf(entries);
        this.accounts = accounts;
        this.ownNetworkResolvConf = ownNetworkResolvConf;
    }

    /** Looks at the host below {@code root} ({@code /} outside tests) once; accounts files in a temporary directory. */
    static HostFilesystem of(Path root) {
        return of(root, SandboxAccounts.temporary());
    }

    /** Looks at the host below {@code root} once, with the sandbox's accounts files kept by {@code accounts}. */
    static HostFilesystem of(Path root, SandboxAccounts accounts) {
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(false, "/usr", "/usr"));
        for (String name : TOP_LEVEL) {
            Path path = root.resolve(name);
            if (Files.isSymbolicLink(path)) {
                try {
                    entries.add(new Entry(true, Files.readSymbolicLink(path).toString(), "/" + name));
                } catch (IOException e) {
                    // unreadable link: leave it out
                }
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                entries.add(new Entry(false, "/" + name, "/" + name));
            }
        }
        for (String name : ETC) {
            if (Files.exists(root.resolve("etc").resolve(name))) {
                entries.add(new Entry(false, "/etc/" + name, "/etc/" + name));
            }
        }
        return new HostFilesystem(entries, accounts, ResolverConfig.forOwnNetwork(root));
    }

    /** Adds the host's mounts to a plan, and the accounts files that name {@code user} {@code sbx_user1051}. */
    void addTo(MountPlan plan, SandboxUser user) {
        addTo(plan, user, false);
    }

    /**
     * Adds the host's mounts to a plan, and the accounts files that name {@code user} {@code sbx_user1051}.
     *
     * @param ownNetwork whether the instance runs in its own network namespace, where a resolver on the host's
     *     loopback is out of reach ({@link ResolverConfig})
     */
    void addTo(MountPlan plan, SandboxUser user, boolean ownNetwork) {
        plan.directory("/etc");
        for (Entry entry : entries) {
            if (entry.symlink()) {
                plan.symlink(entry.source(), entry.destination());
            } else if (ownNetwork && entry.destination().equals("/etc/resolv.conf")
                    && ownNetworkResolvConf.isPresent()) {
                plan.readOnly(ownNetworkResolvConf.get(), entry.destination());
            } else {
                plan.readOnly(entry.source(), entry.destination());
            }
        }
        SandboxAccounts.AccountFiles files = accounts.files(user);
        plan.readOnly(files.passwd().toString(), "/etc/passwd").readOnly(files.group().toString(), "/etc/group");
    }

    /** Whether a host path is visible anyway, below a bound system directory such as {@code /usr}. */
    boolean covers(Path hostPath) {
        String path = hostPath.normalize().toString();
        return entries.stream().filter(entry -> !entry.symlink() && !entry.destination().startsWith("/etc"))
                .anyMatch(entry -> path.equals(entry.destination()) || path.startsWith(entry.destination() + "/"));
    }

    private record Entry(boolean symlink, String source, String destination) {
    }
}
