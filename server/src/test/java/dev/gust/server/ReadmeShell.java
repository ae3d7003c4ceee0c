package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the README's commands as a user would: the bash blocks of one section, with bash and the real AWS CLI
 * ({@code /usr/bin/aws}), in a work folder, against a test server.
 */
record ReadmeShell(Path work, GustProcess gust) {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\n(.*?)```", Pattern.DOTALL);

    /** What a script printed (stdout and stderr together) and how it exited. */
    record Result(int exitCode, String output) {
    }

    /** The bash blocks of one README section ({@code heading} is its whole heading line), in order. */
    static List<String> section(String heading) throws Exception {
        return section("README.md", heading);
    }

    /** The bash blocks of one section of a Markdown file of the repository ({@code file} relative to its root). */
    static List<String> section(String file, String heading) throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("gust.root", ".."), file));
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as(file + " section " + heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 2);
        Matcher blocks = BASH_BLOCK.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        List<String> found = new ArrayList<>();
        while (blocks.find()) {
            found.add(blocks.group(1));
        }
        return found;
    }

    /**
     * Runs a script with bash in the work folder, with the variables {@code ./gust server} tells users to export and
     * {@code /usr/bin} first on {@code PATH} (the AWS CLI v2 and the system Python).
     */
    Result bash(String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", "-euo", "pipefail", "-c", script)
                .directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", work.toString());
        clientEnvironment(env, gust);
        Path log = Files.createTempFile(work, "bash", ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + script);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * Puts into {@code env} what the AWS CLI and boto3 need to reach {@code gust} with the test key pair in
     * {@code us-east-1}: {@code AWS_ENDPOINT_URL} (boto3 reads it; the CLI 2.9 needs {@code --endpoint-url}), the
     * keys, the region, no pager, one attempt, no profile.
     */
    static void clientEnvironment(Map<String, String> env, GustProcess gust) {
        env.put("AWS_ENDPOINT_URL", gust.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", GustProcess.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", GustProcess.SECRET_KEY);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.remove("AWS_PROFILE");
    }
}
