package dev.gust.runtimes.java;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JvmOptionsTest {

    @Test
    void givesTheHeapEightyFivePercentOfTheMemoryInKib() {
        assertThat(JvmOptions.maxHeapKib(512)).isEqualTo(445_645);
        assertThat(JvmOptions.maxHeapKib(128)).isEqualTo(111_411);
        assertThat(JvmOptions.maxHeapKib(10_240)).isEqualTo(8_912_896);
    }

    @Test
    void startsWithLambdasDefaultsWhenJavaToolOptionsIsUnset() {
        assertThat(JvmOptions.defaults(512, "")).containsExactly(
                "-XX:MaxHeapSize=445645k",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac",
                "-Djava.net.preferIPv4Stack=true",
                "-XX:+ErrorFileToStderr",
                "--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void leavesTheGarbageCollectorToJavaToolOptions() {
        assertThat(JvmOptions.defaults(512, "-XX:+UseParallelGC"))
                .doesNotContain("-XX:+UseSerialGC")
                .contains("-XX:MaxHeapSize=445645k", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void leavesTieredCompilationToJavaToolOptions() {
        assertThat(JvmOptions.defaults(512, "  -XX:TieredStopAtLevel=4 "))
                .doesNotContain("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1")
                .contains("-XX:+UseSerialGC");
        assertThat(JvmOptions.defaults(512, "-XX:-TieredCompilation"))
                .doesNotContain("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void leavesTheHeapLimitToJavaToolOptions() {
        assertThat(JvmOptions.defaults(512, "-Xmx256m")).noneMatch(option -> option.startsWith("-XX:MaxHeapSize"));
        assertThat(JvmOptions.defaults(512, "-XX:MaxRAMPercentage=50"))
                .noneMatch(option -> option.startsWith("-XX:MaxHeapSize"));
    }

    @Test
    void keepsEveryDefaultThatJavaToolOptionsDoesNotMention() {
        assertThat(JvmOptions.defaults(1024, "-Dgreeting=hello -verbose:gc"))
                .isEqualTo(JvmOptions.defaults(1024, ""));
    }
}
