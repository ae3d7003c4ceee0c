package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's startup check of its sandbox, with a bubblewrap that fails the way AppArmor makes it fail. */
class SandboxStartupIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path bin;

    /** A {@code bwrap} that answers {@code --version} and then fails like Ubuntu 24.04's AppArmor makes it. */
    private Map<String, String> pathWithBrokenBubblewrap() throws Exception {
        Path bwrap = bin.resolve("bwrap");
        Files.writeString(bwrap, """
                #!/bin/sh
                if [ "$1" = --version ]; then echo 'bubblewrap 0.9.0'; exit 0; fi
                echo 'bwrap: setting up uid map: Permission denied' >&2
                exit 1
                """);
        Files.setPosixFilePermissions(bwrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Map.of("PATH", bin + ":" + System.getenv("PATH"));
    }

    @Test
    void refusesToStartWhenATrivialSandboxCannotStartAndSaysWhy() throws Exception {
        GustProcess gust = GustProcess.launch(dataDir, pathWithBrokenBubblewrap());

        assertThat(gust.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(gust.output()).contains("Gust cannot start: a trivial sandbox could not start")
                .contains("bwrap: setting up uid map: Permission denied").contains("Cause:").contains("Fix:")
                .contains("--sandbox=none").doesNotContain("is ready on");
    }

    @Test
    void startsWithoutIsolationWhenToldAndSaysSoLoudly() throws Exception {
        try (GustProcess gust = GustProcess.start(dataDir, pathWithBrokenBubblewrap(), "--sandbox=none")) {
            assertThat(gust.output()).contains("WITHOUT ISOLATION").contains("sandbox: NONE");
        }
    }
}
