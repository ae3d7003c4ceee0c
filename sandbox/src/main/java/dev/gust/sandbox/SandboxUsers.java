package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A range of host users handed out one per instance, so that the kernel tells instances apart: no instance can
 * signal another or read what another owns, and each instance's slot in the range names its network
 * ({@link InstanceNetworks}). Thread-safe.
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

    private final int first;
    private final int count;
    private final Optional<UidLeases> leases;
    private final ArrayDeque<Integer> released = new ArrayDeque<>();
    private int nextFresh;

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
        this(first, count, Optional.of(new UidLeases(leaseDirectory)));
    }

    private SandboxUsers(int first, int count, Optional<UidLeases> leases) {
        if (first <= 0 || count <= 0 || (long) first + count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid uid range " + first + " + " + count);
        }
        this.first = first;
        this.count = count;
        this.leases = leases;
    }

    /**
     * The default range, {@value #DEFAULT_COUNT} users from uid {@value #DEFAULT_FIRST_UID}, leased through the host's
     * lease directory ({@code /run/gust/sandbox-users} as root).
     */
    public static SandboxUsers defaultRange() {
        return new SandboxUsers(DEFAULT_FIRST_UID, DEFAULT_COUNT, UidLeases.hostDirectory());
    }

    /**
     * A user no running instance has, of this server or of another that shares the lease directory.
     *
     * @throws IllegalStateException when every user of the range is taken
     */
    public synchronized SandboxUser lease() {
        for (int tried = 0; tried < count; tried++) {
            int uid;
            if (nextFresh < count) {
                uid = first + nextFresh++;
            } else if (!released.isEmpty()) {
                uid = released.pollFirst();
            } else {
                break;
            }
            if (leases.isEmpty() || leases.get().tryLease(uid)) {
                return new SandboxUser(uid, uid);
            }
            released.addLast(uid); // another server has it now: try it again last
        }
        throw new IllegalStateException("all " + count + " sandbox users from uid " + first + " are in use");
    }

    /** Gives a leased user back once its instance's processes have all exited. */
    public synchronized void release(SandboxUser user) {
        int slot = slot(user);
        leases.ifPresent(held -> held.release(first + slot));
        released.addLast(user.uid());
    }

    /** The user's position in the range, from 0. */
    public int slot(SandboxUser user) {
        if (user.uid() < first || user.uid() >= first + count) {
            throw new IllegalArgumentException("uid " + user.uid() + " is not from this range");
        }
        return user.uid() - first;
    }

    /** How many users the range holds. */
    public int count() {
        return count;
    }

    /**
     * Runs {@code cleanup} with the slot of a user that no server leases now, holding its lease meanwhile: the
     * sweep of what a server killed with {@code kill -9} left behind. Without a lease directory, only the users this
     * object has not leased count as free.
     *
     * @return whether the user was free and {@code cleanup} ran
     */
    public synchronized boolean whileFree(int slot, IntConsumer cleanup) {
        if (slot < 0 || slot >= count) {
            return false;
        }
        if (leases.isPresent()) {
            return leases.get().whileFree(first + slot, () -> cleanup.accept(slot));
        }
        if (slot < nextFresh && !released.contains(first + slot)) {
            return false;
        }
        cleanup.accept(slot);
        return true;
    }
}
