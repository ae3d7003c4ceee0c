package dev.gust.runtimes.java;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipFile;
import software.amazon.awssdk.annotations.SdkInternalApi;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * The official AWS Lambda Java runtime interface client (RIC) and its runtime dependencies, as jar files on Gust's
 * own classpath, and their installation into a runtime directory that sandboxes mount read-only.
 *
 * <p>The jars are found through the code sources of one class of each artifact, so they ship in the server's lib
 * directory as ordinary dependencies and are never repackaged or modified. {@link #install(Path)} copies them into
 * {@code <dir>/java/lib/} (seen as {@code /var/runtime/java/lib/} inside a sandbox) and extracts the RIC's JNI library
 * for this machine into {@code <dir>/java/lib/jni/}, as Lambda's own images lay it out under {@code /var/runtime/lib}.
 *
 * <p>Immutable and thread-safe; {@code install} may run concurrently with itself (every file is written to a
 * temporary name and moved into place atomically).
 */
public final class RicDistribution {

    /** The folder under a runtime directory that holds the Java runtime's files. */
    public static final String JAVA_DIR = "java";
    /** The folder, relative to {@link #JAVA_DIR}, that holds the jars. */
    public static final String LIB_DIR = "lib";
    /** The folder, relative to {@link #LIB_DIR}, that holds the JNI library. */
    public static final String JNI_DIR = "jni";

    private static final String RIC_ARTIFACT = "aws-lambda-java-runtime-interface-client";

    private final Path ricJar;
    private final List<Path> jars;

    private RicDistribution(Path ricJar, List<Path> jars) {
        this.ricJar = ricJar;
        this.jars = List.copyOf(jars);
    }

    /**
     * Locates the RIC and its dependencies (aws-lambda-java-core, aws-lambda-java-serialization, the AWS SDK's
     * utils-lite and annotations) on the classpath this class was loaded from.
     *
     * @throws IllegalStateException if one of them is not a jar file, or the RIC class does not come from the RIC
     *     artifact (a shaded Gust jar, for example)
     */
    public static RicDistribution onClasspath() {
        List<Path> found = new ArrayList<>();
        // one class per artifact; class literals keep this list honest at compile time and do not initialise them
        for (Class<?> anchor : List.of(AWSLambda.class, Context.class, PojoSerializer.class,
                SdkInternalThreadLocal.class, SdkInternalApi.class)) {
            Path jar = jarOf(anchor);
            if (!found.contains(jar)) {
                found.add(jar);
            }
        }
        Path ricJar = found.getFirst();
        if (!ricJar.getFileName().toString().startsWith(RIC_ARTIFACT)) {
            throw new IllegalStateException("The Java runtime interface client was loaded from " + ricJar
                    + ", not from its own " + RIC_ARTIFACT + " jar; Gust must ship it unshaded in its lib directory");
        }
        found.sort(Comparator.comparing(path -> path.getFileName().toString()));
        return new RicDistribution(ricJar, found);
    }

    /**
     * The jar files on the host, in classpath order: lexical by file name, which keeps the order of Lambda's own
     * command line (core, runtime interface client, serialization).
     */
    public List<Path> jars() {
        return jars;
    }

    /**
     * Copies the jars into {@code <runtimeDir>/java/lib/} and extracts the JNI library for this machine, unless an
     * identical file is already there; removes other jars from that folder.
     *
     * @return what is installed, as paths relative to {@code <runtimeDir>/java/lib/}
     * @throws UncheckedIOException if a file cannot be read or written
     */
    public InstalledRic install(Path runtimeDir) {
        Path lib = runtimeDir.resolve(JAVA_DIR).resolve(LIB_DIR);
        try {
            Files.createDirectories(lib);
            List<String> names = new ArrayList<>();
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                installFile(Files.readAllBytes(jar), lib.resolve(name));
                names.add(name);
            }
            removeStaleJars(lib, names);
            return new InstalledRic(names, installJni(lib));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the Java runtime interface client into " + lib, e);
        }
    }

    private Optional<String> installJni(Path lib) throws IOException {
        Optional<String> library = JniPlatform.current().map(JniPlatform::libraryName);
        if (library.isEmpty()) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(ricJar.toFile())) {
            var entry = zip.getEntry(JNI_DIR + "/" + library.get());
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(entry)) {
                installFile(in.readAllBytes(), lib.resolve(JNI_DIR).resolve(library.get()));
            }
        }
        return Optional.of(JNI_DIR + "/" + library.get());
    }

    private static void installFile(byte[] content, Path target) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == content.length
                && Arrays.equals(Files.readAllBytes(target), content)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".install-", ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void removeStaleJars(Path lib, List<String> keep) throws IOException {
        try (var entries = Files.list(lib)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (name.endsWith(".jar") && !keep.contains(name)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    private static Path jarOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("Cannot tell which file " + type.getName() + " was loaded from");
        }
        Path path;
        try {
            path = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot tell which file " + type.getName() + " was loaded from: "
                    + source.getLocation(), e);
        }
        if (!Files.isRegularFile(path) || !path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")) {
            throw new IllegalStateException(type.getName() + " was loaded from " + path
                    + ", which is not a jar file; the Java runtime needs the jars themselves");
        }
        return path;
    }
}
