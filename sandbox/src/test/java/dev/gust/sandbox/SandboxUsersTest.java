package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
