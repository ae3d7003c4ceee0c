package dev.gust.runtimes.java;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Task roots laid out the ways Lambda accepts Java code: classes at the root with dependency jars in {@code lib/};
 * a single (shaded) jar, which Lambda unpacks into the task root like any zip; and the function's own classes as one
 * more jar in {@code lib/}. Stateless.
 */
final class LambdaPackages {

    private LambdaPackages() {
    }

    /** Classes and resources at the root, dependency jars in {@code lib/}: the layout the Lambda docs recommend. */
    static Path classesWithLib(Path classes, List<Path> libraries, Path taskRoot) {
        try {
            copyTree(classes, taskRoot);
            copyLibraries(libraries, taskRoot);
            return taskRoot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One shaded jar holding the classes and every dependency's entries, unpacked into the task root as Lambda
     * unpacks a {@code .jar} uploaded as the function's code.
     *
     * @return the jar (written next to the task root)
     */
    static Path singleJar(Path classes, List<Path> libraries, Path taskRoot) {
        try {
            Path jar = taskRoot.resolveSibling(taskRoot.getFileName() + "-shaded.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                Set<String> written = new HashSet<>();
                addTree(classes, out, written);
                for (Path library : libraries) {
                    try (ZipFile zip = new ZipFile(library.toFile())) {
                        for (ZipEntry entry : zip.stream().toList()) {
                            if (!entry.isDirectory() && !entry.getName().startsWith("META-INF/")
                                    && written.add(entry.getName())) {
                                out.putNextEntry(new JarEntry(entry.getName()));
                                zip.getInputStream(entry).transferTo(out);
                            }
                        }
                    }
                }
            }
            unzip(jar, taskRoot);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nothing at the root but {@code lib/}: the function's classes in {@code lib/function.jar} next to its jars. */
    static Path classesJarInLib(Path classes, List<Path> libraries, Path taskRoot) {
        try {
            copyLibraries(libraries, taskRoot);
            try (JarOutputStream out = new JarOutputStream(
                    Files.newOutputStream(taskRoot.resolve("lib/function.jar")))) {
                addTree(classes, out, new HashSet<>());
            }
            return taskRoot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyLibraries(List<Path> libraries, Path taskRoot) throws IOException {
        Path lib = Files.createDirectories(taskRoot.resolve("lib"));
        for (Path library : libraries) {
            Files.copy(library, lib.resolve(library.getFileName()));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static void addTree(Path root, JarOutputStream out, Set<String> written) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                written.add(name);
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, out);
            }
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the task root: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (OutputStream out = Files.newOutputStream(target)) {
                        in.transferTo(out);
                    }
                }
            }
        }
    }
}
