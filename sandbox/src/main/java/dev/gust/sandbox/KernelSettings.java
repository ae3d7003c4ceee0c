package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The kernel settings that decide whether an unprivileged process may create user namespaces, read from
 * {@code /proc/sys}; immutable. A setting the kernel does not have is empty.
 *
 * @param apparmorRestrictsUserNamespaces {@code kernel.apparmor_restrict_unprivileged_userns} (Ubuntu 23.10+:
 *     {@code 1} lets only programs with an AppArmor profile that allows {@code userns} use a user namespace)
 * @param unprivilegedUserNamespaces {@code kernel.unprivileged_userns_clone} (Debian's patch; {@code 0} forbids
 *     them to unprivileged processes)
 * @param maxUserNamespaces {@code user.max_user_namespaces} ({@code 0} forbids them to everyone)
 */
record KernelSettings(OptionalLong apparmorRestrictsUserNamespaces, OptionalLong unprivilegedUserNamespaces,
        OptionalLong maxUserNamespaces) {

    /** Reads the settings below {@code root} (the host's {@code /}; tests pass a fake one). */
    static KernelSettings read(Path root) {
        Path sys = root.resolve("proc/sys");
        return new KernelSettings(number(sys.resolve("kernel/apparmor_restrict_unprivileged_userns")),
                number(sys.resolve("kernel/unprivileged_userns_clone")), number(sys.resolve("user/max_user_namespaces")));
    }

    /** Whether AppArmor confines user namespaces of programs without a profile that allows them. */
    boolean apparmorRestricts() {
        return apparmorRestrictsUserNamespaces.orElse(0) == 1;
    }

    /** Whether a setting forbids unprivileged processes to create user namespaces. */
    boolean userNamespacesDisabled() {
        return unprivilegedUserNamespaces.orElse(1) == 0 || maxUserNamespaces.orElse(1) == 0;
    }

    private static OptionalLong number(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
