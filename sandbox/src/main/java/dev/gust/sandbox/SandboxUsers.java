package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A range of host users handed out one per instance, so that the kernel tells instances apart: no instance can
 * signal another or read what another owns, and the Runtime API can check which user opened a connection.
 * Thread-safe.
 *
 * <p>A user goes back to the end of the queue when released, so a uid is reused as late as possible. Release
 * it only after every process of the instance has exited.
 *
 * <p>With a lease directory ({@link #defaultRange()}), every Gust server of the host takes the same locks
 * ({@link UidLeases}): two servers never hand out the same uid, and the lease of a server that dies goes with it.
 */
public final class SandboxUsers {

    /** Far above the ids of real accounts and of the usual {@code /etc/subuid} ranges. */
    public static final int DEFAULT_FIRST_UID = 1_000_000_000;
    /** More than the account's default concurrency plus provisioned instances. */
    public static final int DEFAULT_COUNT = 65_536;

    private final LeasedRange range;

    /**
     * A range coordinated within this object only.
     *
     * @param first the first uid (also used as gid) of the range, above 0
     * @param count how many users the range holds
     */
    public SandboxUsers(int first, int count) {
        this(first, count, Optional.empty());
    }

    /**
     * A range coordinated with every process that uses the same lease directory.
     *
     * @param leaseDirectory where the lock file of each leased uid lives (created when first needed, mode 0700)
     */
    public SandboxUsers(int first, int count, Path leaseDirectory) {
        this(first, count, Optional.of(leaseDirectory));
    }

    private SandboxUsers(int first, int count, Optional<Path> leaseDirectory) {
        if (first <= 0) {
            throw new IllegalArgumentException("invalid uid range " + first + " + " + count);
        }
        this.range = new LeasedRange(first, count, leaseDirectory);
    }

    /**
     * The default range, {@value #DEFAULT_COUNT} users from uid {@value #DEFAULT_FIRST_UID}, leased through the host's
     * lease directory ({@code /run/gust/sandbox-users} as root).
     */
    public static SandboxUsers defaultRange() {
        return new SandboxUsers(DEFAULT_FIRST_UID, DEFAULT_COUNT, UidLeases.hostDirectory("sandbox-users"));
    }

    /**
     * A user no running instance has, of this server or of another that shares the lease directory.
     *
     * @throws IllegalStateException when every user of the range is taken
     */
    public SandboxUser lease() {
        try {
            int uid = range.lease();
            return new SandboxUser(uid, uid);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("all " + range.count() + " sandbox users from uid " + range.first()
                    + " are in use", e);
        }
    }

    /** Gives a leased user back once its instance's processes have all exited. */
    public void release(SandboxUser user) {
        range.release(user.uid());
    }
}
