package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LimitPreambleTest {

    @Test
    void joinsEveryCgroupBeforeExecutingTheSandbox() {
        InstanceCgroup cgroup = new CgroupV1Instance(Path.of("/cg/memory/gust/i-1"), Path.of("/cg/pids/gust/i-1"));

        assertThat(LimitPreamble.script(cgroup, 128L << 20)).isEqualTo("""
                echo $$ > '/cg/memory/gust/i-1/cgroup.procs' || exit 125
                echo $$ > '/cg/pids/gust/i-1/cgroup.procs' || exit 125
                exec "$@"
                """);
    }

    @Test
    void fallsBackToAnAddressSpaceLimitWithoutCgroups() throws IOException {
        InstanceCgroup none = Cgroups.none("test").create("i-1", 128L << 20, 10);

        assertThat(LimitPreamble.script(none, 128L << 20)).isEqualTo("""
                ulimit -v 131072 || exit 125
                exec "$@"
                """);
    }

    @Test
    void quotesWordsForTheShell() {
        assertThat(LimitPreamble.quote("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
    }
}
