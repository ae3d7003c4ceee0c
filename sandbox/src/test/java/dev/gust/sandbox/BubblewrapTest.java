package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding bubblewrap and asking its version, with fake {@code bwrap} scripts. */
class BubblewrapTest {

    @TempDir
    Path dir;

    private Path fakeBwrap(String script) {
        return FakeFiles.script(dir, "bwrap", script);
    }

    @Test
    void readsTheVersionOfAnExecutableThatAnswersLikeBubblewrap() throws IOException {
        Path bwrap = fakeBwrap("echo 'bubblewrap 0.11.0'");

        assertThat(Bubblewrap.at(bwrap)).contains(new Bubblewrap(bwrap.toRealPath(), "0.11.0"));
    }

    @Test
    void givesUpOnAnExecutableThatNeverExitsAtTheTimeout() throws IOException {
        Path bwrap = fakeBwrap("echo 'bubblewrap 0.11.0'; exec sleep 60");

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Bubblewrap.at(bwrap, Duration.ofMillis(300)))).isEmpty();
    }

    @Test
    void givesUpOnAnExecutableThatPrintsForeverAtTheTimeout() throws IOException {
        Path bwrap = fakeBwrap("exec yes 'bubblewrap 0.11.0'");

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> Bubblewrap.at(bwrap, Duration.ofMillis(300)))).isEmpty();
    }

    @Test
    void givesUpWhenAChildKeepsTheOutputOpenAfterTheVersionExits() throws IOException {
        Path bwrap = fakeBwrap("echo 'bubblewrap 0.11.0'; sleep 60 &");

        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Bubblewrap.at(bwrap, Duration.ofSeconds(5))))
                .contains(new Bubblewrap(bwrap.toRealPath(), "0.11.0"));
    }

    @Test
    void refusesAnExecutableThatIsNotBubblewrap() throws IOException {
        assertThat(Bubblewrap.at(fakeBwrap("echo 'firejail 0.9'"))).isEmpty();
        assertThat(Bubblewrap.at(fakeBwrap("echo 'bubblewrap 0.11.0'; exit 1"))).isEmpty();
    }

    @Test
    void findsBubblewrapOnThePathFirst() throws IOException {
        Path bwrap = fakeBwrap("echo 'bubblewrap 9.9.9'");

        assertThat(Bubblewrap.find("relative/dir:" + dir + ":/usr/bin"))
                .contains(new Bubblewrap(bwrap.toRealPath(), "9.9.9"));
    }
}
