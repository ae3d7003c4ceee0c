package dev.gust.runtimes.java;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.joda.time.DateTime;

/**
 * The Java functions of the tests, built at test time as a user builds them: the sources under
 * {@code src/test/resources/functions} compiled with {@code javac --release 21} against aws-lambda-java-core and
 * aws-lambda-java-events, which then ship in the package's {@code lib/}. Stateless; each call works in its own folder.
 */
final class TestFunctions {

    /** Handler classes among the sources. */
    static final String CONTEXT_HANDLER = "example.ContextHandler::handleRequest";
    static final String API_GATEWAY_HANDLER = "example.ApiGatewayHandler::handleRequest";
    static final String STREAM_HANDLER = "example.StreamHandler";
    static final String BROKEN_INIT_HANDLER = "example.BrokenInitHandler::handleRequest";

    private static final List<String> SOURCES = List.of(
            "example/ContextHandler.java", "example/ApiGatewayHandler.java", "example/StreamHandler.java",
            "example/BrokenInitHandler.java");

    private TestFunctions() {
    }

    /**
     * Writes the sources under {@code workDir/src}, compiles them into {@code workDir/classes} and returns that folder.
     *
     * @throws IllegalStateException with javac's diagnostics when compilation fails
     */
    static Path compile(Path workDir) {
        try {
            Path sources = workDir.resolve("src");
            Path classes = Files.createDirectories(workDir.resolve("classes"));
            for (String source : SOURCES) {
                Path file = sources.resolve(source);
                Files.createDirectories(file.getParent());
                try (InputStream in = TestFunctions.class.getResourceAsStream("/functions/" + source)) {
                    Files.copy(in, file);
                }
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter diagnostics = new StringWriter();
            List<String> arguments = List.of("--release", "21", "-classpath",
                    libraries().stream().map(Path::toString).collect(Collectors.joining(":")),
                    "-d", classes.toString());
            var fileManager = javac.getStandardFileManager(null, null, null);
            var units = fileManager.getJavaFileObjectsFromPaths(SOURCES.stream().map(sources::resolve).toList());
            if (!javac.getTask(diagnostics, fileManager, null, arguments, null, units).call()) {
                throw new IllegalStateException("The test functions do not compile:\n" + diagnostics);
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jars a function built with Maven would carry in {@code lib/}: core, events and what events needs. */
    static List<Path> libraries() {
        return List.of(jarOf(Context.class), jarOf(APIGatewayProxyRequestEvent.class), jarOf(DateTime.class));
    }

    private static Path jarOf(Class<?> type) {
        URL location = type.getProtectionDomain().getCodeSource().getLocation();
        try {
            return Path.of(location.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(location.toString(), e);
        }
    }
}
