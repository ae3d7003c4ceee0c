package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MountPlanTest {

    @Test
    void createsEachMissingParentOnceBeforeTheMount() {
        MountPlan plan = new MountPlan()
                .readOnly("/data/code/abc", "/var/task")
                .readOnly("/data/runtimes/python", "/var/runtime")
                .readOnly("/opt/java/jdk", "/opt/java/jdk");

        assertThat(plan.args()).containsExactly(
                "--dir", "/var", "--ro-bind", "/data/code/abc", "/var/task",
                "--ro-bind", "/data/runtimes/python", "/var/runtime",
                "--dir", "/opt", "--dir", "/opt/java", "--ro-bind", "/opt/java/jdk", "/opt/java/jdk");
    }

    @Test
    void doesNotCreateDirectoriesBelowASymlinkOrMountItMade() {
        MountPlan plan = new MountPlan().symlink("usr/lib", "/lib").mount("/tmp", "--size", "10", "--tmpfs")
                .directory("/etc").readOnly("/etc/hosts", "/etc/hosts");

        assertThat(plan.args()).containsExactly("--symlink", "usr/lib", "/lib", "--size", "10", "--tmpfs", "/tmp",
                "--dir", "/etc", "--ro-bind", "/etc/hosts", "/etc/hosts");
    }
}
