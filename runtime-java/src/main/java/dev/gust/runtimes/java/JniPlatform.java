package dev.gust.runtimes.java;

import java.util.Locale;
import java.util.Optional;

/**
 * A platform for which the runtime interface client ships a JNI library ({@code jni/libaws-lambda-jni.<name>.so}
 * inside its jar). Only glibc Linux is mapped: on other systems the RIC picks a library itself.
 *
 * <p>Immutable and thread-safe.
 */
enum JniPlatform {
    LINUX_X86_64("linux-x86_64"),
    LINUX_AARCH64("linux-aarch_64");

    private final String name;

    JniPlatform(String name) {
        this.name = name;
    }

    /** The platform of this JVM, if the RIC ships a library for it. */
    static Optional<JniPlatform> current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** The platform for an {@code os.name} and {@code os.arch}, if the RIC ships a library for it. */
    static Optional<JniPlatform> of(String osName, String osArch) {
        if (!"linux".equalsIgnoreCase(osName)) {
            return Optional.empty();
        }
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(LINUX_X86_64);
            case "aarch64", "arm64" -> Optional.of(LINUX_AARCH64);
            default -> Optional.empty();
        };
    }

    /** The library's file name inside the RIC jar's {@code jni/} folder. */
    String libraryName() {
        return "libaws-lambda-jni." + name + ".so";
    }
}
