package dev.gust.runtimeapi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.OptionalInt;

/**
 * Finds which host user owns the client end of a TCP connection on this machine, the way {@code ss -e} does: one
 * exact {@code NETLINK_SOCK_DIAG} lookup by the connection's addresses (a hash lookup in the kernel, microseconds),
 * through the Foreign Function API. Linux only; IPv4 connections only (endpoints listen on {@code 127.0.0.1}).
 *
 * <p>Stateless and thread-safe: each lookup opens, uses and closes its own netlink socket.
 */
final class SocketOwners {

    private static final int AF_NETLINK = 16;
    private static final int AF_INET = 2;
    private static final int SOCK_DGRAM_CLOEXEC = 2 | 0x80000;
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final short SOCK_DIAG_BY_FAMILY = 20;
    private static final byte TCP_ESTABLISHED = 1;
    private static final short NLM_F_REQUEST = 1;
    private static final byte IPPROTO_TCP = 6;
    private static final int REQUEST_BYTES = 72;
    private static final int RESPONSE_BYTES = 1024;
    /** Offset of {@code idiag_uid}: the 16-byte {@code nlmsghdr}, then {@code inet_diag_msg}'s 64 bytes before it. */
    private static final int UID_OFFSET = 80;
    private static final ValueLayout.OfShort NETWORK_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private static final MethodHandle SOCKET;
    private static final MethodHandle SEND;
    private static final MethodHandle RECV;
    private static final MethodHandle CLOSE;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        SOCKET = linker.downcallHandle(libc.findOrThrow("socket"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        SEND = linker.downcallHandle(libc.findOrThrow("send"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        RECV = linker.downcallHandle(libc.findOrThrow("recv"),
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        CLOSE = linker.downcallHandle(libc.findOrThrow("close"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private SocketOwners() {
    }

    /**
     * The uid owning the socket {@code client → server}, that is, the process side that connected to us.
     *
     * @return the uid, or empty when no such connection exists (it closed meanwhile) or the lookup failed
     */
    static OptionalInt clientUid(String clientHost, int clientPort, String serverHost, int serverPort) {
        byte[] client = ipv4(clientHost);
        byte[] server = ipv4(serverHost);
        if (client == null || server == null) {
            return OptionalInt.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = request(arena, client, clientPort, server, serverPort);
            MemorySegment response = arena.allocate(RESPONSE_BYTES, 8);
            int fd = (int) SOCKET.invokeExact(AF_NETLINK, SOCK_DGRAM_CLOEXEC, NETLINK_SOCK_DIAG);
            if (fd < 0) {
                return OptionalInt.empty();
            }
            try {
                long sent = (long) SEND.invokeExact(fd, request, (long) REQUEST_BYTES, 0);
                long received = sent == REQUEST_BYTES
                        ? (long) RECV.invokeExact(fd, response, (long) RESPONSE_BYTES, 0) : -1L;
                return uid(response, received, serverPort);
            } finally {
                int ignored = (int) CLOSE.invokeExact(fd);
            }
        } catch (Throwable e) {
            return OptionalInt.empty();
        }
    }

    /** {@code nlmsghdr} + {@code inet_diag_req_v2} asking for the one socket with these addresses. */
    private static MemorySegment request(Arena arena, byte[] source, int sourcePort, byte[] destination,
            int destinationPort) {
        MemorySegment request = arena.allocate(REQUEST_BYTES, 8);
        request.set(JAVA_INT, 0, REQUEST_BYTES);
        request.set(JAVA_SHORT, 4, SOCK_DIAG_BY_FAMILY);
        request.set(JAVA_SHORT, 6, NLM_F_REQUEST);
        request.set(JAVA_BYTE, 16, (byte) AF_INET);
        request.set(JAVA_BYTE, 17, IPPROTO_TCP);
        request.set(JAVA_INT, 20, -1); // every TCP state
        request.set(NETWORK_SHORT, 24, (short) sourcePort);
        request.set(NETWORK_SHORT, 26, (short) destinationPort);
        MemorySegment.copy(source, 0, request, JAVA_BYTE, 28, 4);
        MemorySegment.copy(destination, 0, request, JAVA_BYTE, 44, 4);
        request.set(JAVA_INT, 64, -1); // INET_DIAG_NOCOOKIE
        request.set(JAVA_INT, 68, -1);
        return request;
    }

    /**
     * The owner in the answer, if it is an established connection to {@code serverPort}: the kernel's lookup falls
     * back to a listening socket on the source port when the connection is gone, which must not count.
     */
    private static OptionalInt uid(MemorySegment response, long received, int serverPort) {
        if (received < UID_OFFSET + 4 || response.get(JAVA_SHORT, 4) != SOCK_DIAG_BY_FAMILY) {
            return OptionalInt.empty();
        }
        boolean established = response.get(JAVA_BYTE, 17) == TCP_ESTABLISHED;
        boolean toServer = Short.toUnsignedInt(response.get(NETWORK_SHORT, 22)) == serverPort;
        return established && toServer ? OptionalInt.of(response.get(JAVA_INT, UID_OFFSET)) : OptionalInt.empty();
    }

    private static byte[] ipv4(String host) {
        try {
            InetAddress address = InetAddress.ofLiteral(host);
            return address instanceof Inet4Address ? address.getAddress() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
