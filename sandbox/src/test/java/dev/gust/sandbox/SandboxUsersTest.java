package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxUsersTest {

    @Test
    void leasesDistinctUsersWithEqualUidAndGid() {
        SandboxUsers users = new SandboxUsers(5000, 100);
        List<SandboxUser> leased = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            leased.add(users.lease());
        }

        assertThat(new HashSet<>(leased)).hasSize(100);
        assertThat(leased).allSatisfy(user -> assertThat(user.gid()).isEqualTo(user.uid()))
                .allSatisfy(user -> assertThat(user.uid()).isBetween(5000, 5099));
    }

    @Test
    void refusesWhenTheRangeIsExhaustedAndReusesReleasedUsersLast() {
        SandboxUsers users = new SandboxUsers(5000, 2);
        SandboxUser first = users.lease();
        SandboxUser second = users.lease();
        assertThatThrownBy(users::lease).isInstanceOf(IllegalStateException.class)
                .hasMessage("all 2 sandbox users from uid 5000 are in use");

        users.release(second);
        users.release(first);

        assertThat(users.lease()).isEqualTo(second);
        assertThat(users.lease()).isEqualTo(first);
    }

    @Test
    void refusesUsersFromElsewhereAndInvalidRanges() {
        SandboxUsers users = new SandboxUsers(5000, 2);

        assertThatThrownBy(() -> users.release(SandboxUser.LAMBDA)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SandboxUsers(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SandboxUsers(Integer.MAX_VALUE - 1, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoProcessesSharingALeaseDirectoryNeverLeaseTheSameUidAndADeadOnesUsersAreFree(@TempDir Path leases)
            throws Exception {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LeaseHolder.class.getName(), leases.toString(), "7000", "10",
                "6").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<Integer> theirs;
        try {
            String line = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            theirs = Arrays.stream(line.split(" ")).map(Integer::valueOf).toList();
            SandboxUsers ours = new SandboxUsers(7000, 10, leases);

            List<Integer> leased = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                leased.add(ours.lease().uid());
            }

            assertThat(theirs).hasSize(6).doesNotContainAnyElementsOf(leased);
            assertThat(leased).doesNotHaveDuplicates();
            assertThatThrownBy(ours::lease).isInstanceOf(IllegalStateException.class);
        } finally {
            other.destroyForcibly(); // like kill -9: the kernel drops its locks
            other.waitFor(10, TimeUnit.SECONDS);
        }
        SandboxUsers after = new SandboxUsers(7000, 10, leases); // in this JVM, where ours still hold their 4
        List<Integer> freed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            freed.add(after.lease().uid());
        }
        assertThat(freed).containsExactlyInAnyOrderElementsOf(theirs);
    }

    @Test
    void twoRangesInOneProcessSharingALeaseDirectoryNeverLeaseTheSameUid(@TempDir Path leases) {
        SandboxUsers first = new SandboxUsers(8000, 3, leases);
        SandboxUsers second = new SandboxUsers(8000, 3, leases);

        SandboxUser a = first.lease();
        SandboxUser b = second.lease();
        SandboxUser c = first.lease();

        assertThat(List.of(a, b, c)).doesNotHaveDuplicates();
        assertThatThrownBy(second::lease).isInstanceOf(IllegalStateException.class);
        first.release(a);
        assertThat(second.lease()).isEqualTo(a);
    }
}
