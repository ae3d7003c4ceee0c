package dev.gust.sandbox;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * Whether systemd delegated a cgroup: a unit with {@code Delegate=yes} (a service, or a scope from
 * {@code systemd-run --scope -p Delegate=yes}) gets the extended attribute {@code trusted.delegate=1} and, from
 * systemd 251 on, {@code user.delegate=1}, which unprivileged processes can read too. systemd's own
 * {@code cg_is_delegated} reads the same two attributes. Stateless; reads with {@code getxattr(2)}.
 *
 * <p>Only a delegated cgroup may be rearranged by Gust (its processes moved into a leaf): anything else belongs to
 * systemd or to the user, a terminal's scope for one, whose shell must stay where it is.
 */
final class CgroupDelegation {

    private static final String[] MARKERS = {"trusted.delegate", "user.delegate"};
    private static final MethodHandle GETXATTR = getxattr();

    private CgroupDelegation() {
    }

    /** Whether {@code cgroup} carries systemd's delegation marker (either attribute equal to {@code 1}). */
    static boolean marked(Path cgroup) {
        if (GETXATTR == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = arena.allocateFrom(cgroup.toString());
            MemorySegment value = arena.allocate(8);
            for (String marker : MARKERS) {
                long size = (long) GETXATTR.invokeExact(path, arena.allocateFrom(marker), value, value.byteSize());
                if (size == 1 && value.get(ValueLayout.JAVA_BYTE, 0) == '1') {
                    return true;
                }
            }
            return false;
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle getxattr() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.downcallHandle(linker.defaultLookup().find("getxattr").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
