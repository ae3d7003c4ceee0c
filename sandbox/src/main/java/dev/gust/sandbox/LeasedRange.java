package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * A range of numbers handed out one at a time, each at most once at a time across every process that shares the
 * lease directory ({@link UidLeases}); a released number goes to the end of the queue, so it is reused as late as
 * possible. Thread-safe. {@link SandboxUsers} leases uids with it, {@link VethNetworks} network slots.
 */
final class LeasedRange {

    private final int first;
    private final int count;
    private final Optional<UidLeases> leases;
    private final ArrayDeque<Integer> released = new ArrayDeque<>();
    private int nextFresh;

    /**
     * @param leaseDirectory where each leased number's lock file lives, or empty to coordinate within this object
     */
    LeasedRange(int first, int count, Optional<Path> leaseDirectory) {
        if (first < 0 || count <= 0 || (long) first + count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("invalid range " + first + " + " + count);
        }
        this.first = first;
        this.count = count;
        this.leases = leaseDirectory.map(UidLeases::new);
    }

    /**
     * A number no one leases.
     *
     * @throws IllegalStateException when every number of the range is taken
     */
    synchronized int lease() {
        for (int tried = 0; tried < count; tried++) {
            int number;
            if (nextFresh < count) {
                number = first + nextFresh++;
            } else if (!released.isEmpty()) {
                number = released.pollFirst();
            } else {
                break;
            }
            if (leases.isEmpty() || leases.get().tryLease(number)) {
                return number;
            }
            released.addLast(number); // another process has it now: try it again last
        }
        throw new IllegalStateException("all " + count + " of " + first + "-" + (first + count - 1) + " are in use");
    }

    /** Gives a leased number back. */
    synchronized void release(int number) {
        requireInRange(number);
        leases.ifPresent(held -> held.release(number));
        released.addLast(number);
    }

    /** Throws unless {@code number} is of this range. */
    void requireInRange(int number) {
        if (number < first || number >= first + count) {
            throw new IllegalArgumentException(number + " is not from this range");
        }
    }

    int first() {
        return first;
    }

    int count() {
        return count;
    }

    /**
     * Runs {@code cleanup} with a number no one leases now, holding its lease meanwhile: the sweep of what a process
     * killed with {@code kill -9} left behind. Without a lease directory, only the numbers this object has not leased
     * count as free.
     *
     * @return whether the number was free and {@code cleanup} ran
     */
    synchronized boolean whileFree(int number, IntConsumer cleanup) {
        if (number < first || number >= first + count) {
            return false;
        }
        if (leases.isPresent()) {
            return leases.get().whileFree(number, () -> cleanup.accept(number));
        }
        if (number - first < nextFresh && !released.contains(number)) {
            return false;
        }
        cleanup.accept(number);
        return true;
    }
}
