package dev.gust.sandbox;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The few Linux system calls that output pipes need and the JDK does not offer for pipes: {@code pipe2},
 * non-blocking {@code read}, {@code close} and {@code epoll}; called through the FFM API. Stateless and thread-safe.
 *
 * <p>{@code read} is a critical downcall reading straight into a Java array: it is only ever called on a
 * non-blocking descriptor, so it returns at once.
 */
final class NativeIo {

    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int EPOLLIN = 0x001;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;

    /** {@code struct epoll_event} is packed on x86-64 (12 bytes), naturally aligned elsewhere (16 bytes). */
    static final boolean PACKED_EVENTS = System.getProperty("os.arch").matches("amd64|x86_64");
    static final long EVENT_SIZE = PACKED_EVENTS ? 12 : 16;
    static final long EVENT_DATA_OFFSET = PACKED_EVENTS ? 4 : 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle PIPE2 = handle("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle READ = LINKER.downcallHandle(LIBC.find("read").orElseThrow(),
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG), Linker.Option.critical(true));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FCNTL = handle("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle EPOLL_CREATE1 = handle("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle EPOLL_CTL = handle("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle EPOLL_WAIT = handle("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    private NativeIo() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), descriptor, options);
    }

    /** A new pipe, close-on-exec, its read end non-blocking: {@code [read fd, write fd]}. */
    static int[] pipe() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            if ((int) PIPE2.invokeExact(fds, O_CLOEXEC) != 0) {
                throw new IOException("pipe2 failed");
            }
            int read = fds.getAtIndex(JAVA_INT, 0);
            int write = fds.getAtIndex(JAVA_INT, 1);
            int flags = (int) FCNTL.invokeExact(read, 3 /* F_GETFL */, 0);
            if (flags < 0 || (int) FCNTL.invokeExact(read, 4 /* F_SETFL */, flags | O_NONBLOCK) != 0) {
                close(read);
                close(write);
                throw new IOException("cannot make the pipe non-blocking");
            }
            return new int[] {read, write};
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads at most {@code length} bytes into {@code buffer} without blocking: the count, {@code 0} at end of
     * file, {@code -1} when nothing is there now (or the read failed).
     */
    static long read(int fd, byte[] buffer, int length) {
        try {
            return (long) READ.invokeExact(fd, MemorySegment.ofArray(buffer), (long) length);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static int epollCreate() throws IOException {
        try {
            int fd = (int) EPOLL_CREATE1.invokeExact(O_CLOEXEC);
            if (fd < 0) {
                throw new IOException("epoll_create1 failed");
            }
            return fd;
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Watches {@code fd} for input (level-triggered), with {@code fd} as the event's data. */
    static void epollAdd(int epoll, int fd) throws IOException {
        epollCtl(epoll, EPOLL_CTL_ADD, fd);
    }

    static void epollRemove(int epoll, int fd) {
        try {
            epollCtl(epoll, EPOLL_CTL_DEL, fd);
        } catch (IOException e) {
            // already gone
        }
    }

    private static void epollCtl(int epoll, int op, int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment event = arena.allocate(EVENT_SIZE, 8);
            event.set(JAVA_INT, 0, EPOLLIN);
            event.set(JAVA_LONG.withByteAlignment(4), EVENT_DATA_OFFSET, fd);
            if ((int) EPOLL_CTL.invokeExact(epoll, op, fd, event) != 0) {
                throw new IOException("epoll_ctl " + op + " failed for fd " + fd);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for events, blocking; returns how many were written into {@code events} (or -1, e.g. interrupted). */
    static int epollWait(int epoll, MemorySegment events, int maxEvents) {
        try {
            return (int) EPOLL_WAIT.invokeExact(epoll, events, maxEvents, -1);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The descriptor that event {@code index} of an {@link #epollWait} answer is about. */
    static int eventFd(MemorySegment events, int index) {
        return (int) events.get(JAVA_LONG.withByteAlignment(4), index * EVENT_SIZE + EVENT_DATA_OFFSET);
    }
}
