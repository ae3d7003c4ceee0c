package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathTranslationTest {

    private final PathTranslation translation = PathTranslation.of(
            SandboxSpec.builder("i", Path.of("/data/code/abc")).runtimeDir(Path.of("/gust/runtimes/py"))
                    .argv("/var/runtime/bootstrap").build());

    @Test
    void rewritesMountPointsAndPathsBelowThem() {
        assertThat(translation.translate(List.of("/var/runtime/bootstrap", "/var/task", "--flag")))
                .containsExactly("/gust/runtimes/py/bootstrap", "/data/code/abc", "--flag");
    }

    @Test
    void rewritesEachSegmentOfAPathList() {
        assertThat(translation.translate(Map.of("PYTHONPATH", "/var/runtime:/var/task/lib:/usr/lib/python3")))
                .containsExactly(Map.entry("PYTHONPATH", "/gust/runtimes/py:/data/code/abc/lib:/usr/lib/python3"));
    }

    @Test
    void rewritesThePathOfAJvmSystemProperty() {
        assertThat(translation.translate(List.of("-Dlib=/var/runtime/jni/lib.so", "-Dname=/var/taskforce", "-Xmx1g")))
                .containsExactly("-Dlib=/gust/runtimes/py/jni/lib.so", "-Dname=/var/taskforce", "-Xmx1g");
    }

    @Test
    void rewritesLayersAtOpt() {
        PathTranslation withLayers = PathTranslation.of(SandboxSpec.builder("i", Path.of("/data/code/abc"))
                .optDir(Path.of("/data/code/opt/key")).argv("/usr/bin/java").build());

        assertThat(withLayers.translate("/var/runtime/lib/*:/opt/java/lib/*")).isEqualTo(
                "/var/runtime/lib/*:/data/code/opt/key/java/lib/*");
    }

    @Test
    void leavesLookAlikesAndUnmountedPathsAlone() {
        assertThat(translation.translate("/var/taskforce:/opt/layer:x/var/task")).isEqualTo(
                "/var/taskforce:/opt/layer:x/var/task");
    }
}
