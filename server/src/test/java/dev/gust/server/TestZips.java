package dev.gust.server;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds small deployment packages in memory for tests. */
final class TestZips {

    private TestZips() {
    }

    static byte[] zip(Map<String, String> files) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        files.forEach((name, content) -> bytes.put(name, content.getBytes(StandardCharsets.UTF_8)));
        return zipBytes(bytes);
    }

    static byte[] pythonHandler(String body) {
        return zip(Map.of("lambda_function.py", "def lambda_handler(event, context):\n    return " + body + "\n"));
    }

    /** A package whose single file keeps its exec bit, as {@code zip} on Linux stores it. */
    static byte[] executable(String file, String content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry entry = new ZipArchiveEntry(file);
            entry.setUnixMode(0100755);
            zip.putArchiveEntry(entry);
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A Java package: compiles {@code sources} (file name relative to the source root, such as
     * {@code example/Hello.java}, to its text) for Java 21 against aws-lambda-java-core, in a folder under
     * {@code workDir}, and zips the classes at the package root as Lambda expects them.
     */
    static byte[] javaClasses(Path workDir, Map<String, String> sources) {
        return zipBytes(javaClassFiles(workDir, sources));
    }

    /** Compiles {@code sources} as {@link #javaClasses} does and returns the class files by their relative path. */
    static Map<String, byte[]> javaClassFiles(Path workDir, Map<String, String> sources) {
        return javaClassFiles(workDir, sources, List.of());
    }

    /** Compiles {@code sources} against aws-lambda-java-core and {@code libraries} (jars). */
    static Map<String, byte[]> javaClassFiles(Path workDir, Map<String, String> sources, List<Path> libraries) {
        try {
            Path src = Files.createTempDirectory(workDir, "java-src");
            Path classes = Files.createDirectories(src.resolve("classes"));
            List<String> classpath = new ArrayList<>(List.of(lambdaCoreJar()));
            libraries.forEach(library -> classpath.add(library.toString()));
            List<String> args = new ArrayList<>(List.of("--release", "21", "-cp",
                    String.join(java.io.File.pathSeparator, classpath), "-d", classes.toString()));
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = src.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                args.add(file.toString());
            }
            int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
            if (compiled != 0) {
                throw new IllegalStateException("javac failed for " + sources.keySet());
            }
            Map<String, byte[]> entries = new LinkedHashMap<>();
            try (var files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    entries.put(classes.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lambdaCoreJar() {
        try {
            return Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] zipBytes(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
