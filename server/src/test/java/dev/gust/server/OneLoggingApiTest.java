package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks that main code logs through one API, SLF4J: no {@code java.util.logging}, no {@code System.Logger}, no
 * {@code printStackTrace}, and {@code System.out}/{@code System.err} only in command-line entry points (a picocli
 * {@code @Command} or a {@code main}), where they carry the command's user-facing output.
 */
class OneLoggingApiTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern OTHER_LOGGING_API =
            Pattern.compile("java\\.util\\.logging|System\\.getLogger|System\\.Logger|\\.printStackTrace\\(");
    private static final Pattern CONSOLE = Pattern.compile("System\\.(out|err)\\b");
    private static final Pattern COMMAND_LINE_ENTRY = Pattern.compile("@Command\\(|static void main\\(");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern COMMENT = Pattern.compile("//.*|^\\s*/?\\*.*");

    @Test
    void mainCodeLogsOnlyThroughSlf4j() throws IOException {
        List<Path> sources = mainSources();
        assertThat(sources).as("main sources under " + REPOSITORY).hasSizeGreaterThan(100);

        assertThat(sources.stream().flatMap(OneLoggingApiTest::violations).toList()).isEmpty();
    }

    @Test
    void findsEachForbiddenUse() {
        assertThat(violations("A.java", "import java.util.logging.Logger;")).hasSize(1);
        assertThat(violations("A.java", "static final System.Logger LOG = System.getLogger(\"a\");")).hasSize(1);
        assertThat(violations("A.java", "} catch (Exception e) { e.printStackTrace(); }")).hasSize(1);
        assertThat(violations("A.java", "System.err.println(\"could not remove \" + dir);")).hasSize(1);
        assertThat(violations("A.java", "System.out.println(\"started\");")).hasSize(1);
    }

    @Test
    void allowsTheConsoleInCommandLineEntryPointsAndMentionsInStringsAndComments() {
        assertThat(violations("A.java", "@Command(name = \"a\")\nclass A { void run() { System.out.println(); } }"))
                .isEmpty();
        assertThat(violations("A.java", "class A { static void main(String[] a) { System.out.println(); } }"))
                .isEmpty();
        assertThat(violations("A.java", "String code = \"class H { void f() { System.out.println(\\\"hi\\\"); } }\";"))
                .isEmpty();
        assertThat(violations("A.java", "// bridges java.util.logging\n/** Not System.err. */\n * e.printStackTrace()"))
                .isEmpty();
        assertThat(violations("A.java", "private static final Logger LOG = LoggerFactory.getLogger(A.class);"))
                .isEmpty();
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            List<Path> mains = modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory).toList();
            for (Path main : mains) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        return sources;
    }

    private static Stream<String> violations(Path source) {
        try {
            return violations(REPOSITORY.relativize(source).toString(), Files.readString(source)).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> violations(String name, String text) {
        boolean entryPoint = COMMAND_LINE_ENTRY.matcher(text).find();
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String code = COMMENT.matcher(STRING_LITERAL.matcher(lines[i]).replaceAll("\"\"")).replaceAll("");
            if (OTHER_LOGGING_API.matcher(code).find() || !entryPoint && CONSOLE.matcher(code).find()) {
                found.add(name + ":" + (i + 1) + ": " + lines[i].strip());
            }
        }
        return found;
    }
}
