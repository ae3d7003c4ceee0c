package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSdkTest {

    @TempDir
    Path cache;

    /** A stand-in for npm that records its arguments and does what {@code npm ci} would, or fails. */
    private Path fakeNpm(boolean succeeds) throws IOException {
        Path npm = cache.resolve("npm");
        Files.writeString(npm, "#!/bin/sh\necho \"$@\" >> " + cache.resolve("calls") + "\n"
                + (succeeds ? "test -f package-lock.json && mkdir -p node_modules/@aws-sdk/client-s3\necho added 1 package\n"
                        : "echo 'npm ERR! network' >&2\nexit 1\n"));
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        return npm;
    }

    @Test
    void installsOnceWithNpmCiFromTheLockWithoutScripts() throws IOException {
        Path npm = fakeNpm(true);
        List<String> progress = new ArrayList<>();

        Path first = NodeSdk.install(cache, npm.toString(), progress::add).orElseThrow();
        Path second = NodeSdk.install(cache, npm.toString(), progress::add).orElseThrow();

        assertThat(first).isEqualTo(second).isEqualTo(NodeSdk.directory(cache));
        assertThat(first.resolve("@aws-sdk/client-s3")).isDirectory();
        assertThat(Files.readAllLines(cache.resolve("calls")))
                .containsExactly("ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=warn");
        assertThat(progress).contains("npm: added 1 package");
        assertThat(first.getParent().resolve("package-lock.json")).exists();
    }

    @Test
    void aFailedInstallLeavesNothingBehindAndSaysWhy() throws IOException {
        List<String> progress = new ArrayList<>();

        assertThat(NodeSdk.install(cache, fakeNpm(false).toString(), progress::add)).isEmpty();

        assertThat(progress).contains("npm: npm ERR! network", "npm ci failed (exit status 1)");
        try (var left = Files.list(NodeSdk.directory(cache).getParent().getParent())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void withoutNpmThereIsNoSdk() {
        List<String> progress = new ArrayList<>();

        assertThat(NodeSdk.install(cache, cache.resolve("no-npm").toString(), progress::add)).isEmpty();
        assertThat(progress).last().asString().startsWith("cannot install the AWS SDK for JavaScript v3");
    }

    @Test
    void theLockPinsEveryPackageWithAnIntegrityHashFromNpmsRegistry() throws IOException {
        JsonNode lock;
        try (InputStream in = NodeSdk.class.getResourceAsStream("nodejs/sdk/package-lock.json")) {
            lock = new ObjectMapper().readTree(in);
        }
        List<String> unpinned = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : lock.path("packages").properties()) {
            if (entry.getKey().isEmpty()) {
                continue; // the root project
            }
            JsonNode pkg = entry.getValue();
            // npm records "resolved" only for a registry other than its default one, npmjs.org
            if (!pkg.path("integrity").asText().startsWith("sha512-") || pkg.has("resolved")) {
                unpinned.add(entry.getKey());
            }
        }

        assertThat(lock.path("lockfileVersion").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(unpinned).isEmpty();
        assertThat(NodeSdk.clients()).contains("@aws-sdk/client-lambda", "@aws-sdk/client-s3");
    }
}
