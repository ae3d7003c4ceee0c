package dev.gust.sandbox;

import java.util.ArrayDeque;

/**
 * A range of host users handed out one per instance, so that the kernel tells instances apart: a Runtime API
 * endpoint can check which user opened a connection, and no instance can signal another or read what another
 * owns. Thread-safe.
 *
 * <p>A user goes back to the end of the queue when released, so a uid is reused as late as possible. Release
 * it only after every process of the instance has exited.
 */
public final class SandboxUsers {

    /** Far above the ids of real accounts and of the usual {@code /etc/subuid} ranges. */
    public static final int DEFAULT_FIRST_UID = 1_000_000_000;
    /** More than the account's default concurrency plus provisioned instances. */
    public static final int DEFAULT_COUNT = 65_536;

    private final int first;
    private final int count;
    private final ArrayDeque<Integer> released = new ArrayDeque<>();
    private int nextFresh;

    /**
     * @param first the first uid (also used as gid) of the range, above 0
     * @param count how many users the range holds
     */
    public SandboxUsers(int first, int count) {
        if (first <= 0 || count <= 0 || (long) first + count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid uid range " + first + " + " + count);
        }
        this.first = first;
        this.count = count;
    }

    /** The default range: {@value #DEFAULT_COUNT} users from uid {@value #DEFAULT_FIRST_UID}. */
    public static SandboxUsers defaultRange() {
        return new SandboxUsers(DEFAULT_FIRST_UID, DEFAULT_COUNT);
    }

    /**
     * A user no running instance has.
     *
     * @throws IllegalStateException when every user of the range is taken
     */
    public synchronized SandboxUser lease() {
        int uid;
        if (nextFresh < count) {
            uid = first + nextFresh++;
        } else if (!released.isEmpty()) {
            uid = released.pollFirst();
        } else {
            throw new IllegalStateException("all " + count + " sandbox users from uid " + first + " are in use");
        }
        return new SandboxUser(uid, uid);
    }

    /** Gives a leased user back once its instance's processes have all exited. */
    public synchronized void release(SandboxUser user) {
        if (user.uid() < first || user.uid() >= first + count) {
            throw new IllegalArgumentException("uid " + user.uid() + " is not from this range");
        }
        released.addLast(user.uid());
    }
}
