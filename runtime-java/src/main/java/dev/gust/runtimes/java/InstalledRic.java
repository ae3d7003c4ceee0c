package dev.gust.runtimes.java;

import java.util.List;
import java.util.Optional;

/**
 * The runtime interface client as installed in a runtime directory: file names relative to
 * {@code <runtimeDir>/java/lib/}, which {@link JavaRuntime} turns into paths as seen inside a sandbox. Immutable.
 *
 * @param jars the jar file names, in classpath order
 * @param jniLibrary the JNI library (for example {@code jni/libaws-lambda-jni.linux-x86_64.so}), when one was
 *     extracted for this machine; without it the RIC extracts its own copy into {@code /tmp} at every start
 */
public record InstalledRic(List<String> jars, Optional<String> jniLibrary) {

    /** Copies the list; rejects an empty one. */
    public InstalledRic {
        jars = List.copyOf(jars);
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("no jars");
        }
    }
}
