package dev.gust.eventsources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.core.credentials.RoleSessions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

class RoleCredentialsTest {

    private static final Account ACCOUNT = Account.defaults();
    private static final String ROLE = "arn:aws:iam::000000000000:role/worker-role";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicReference<Optional<String>> role = new AtomicReference<>(Optional.of(ROLE));
    private final List<String> opened = new ArrayList<>();
    private final RoleSessions sessions = (roleArn, sessionName, duration) -> {
        opened.add(roleArn + " " + sessionName + " " + duration);
        return new RoleSessions.SessionCredentials("ASIA" + opened.size(), "secret", "token",
                now.get().plus(duration));
    };
    private final RoleCredentials credentials = new RoleCredentials(ACCOUNT, "worker",
            (account, name) -> role.get(), sessions, clock());

    private InstantSource clock() {
        return now::get;
    }

    @Test
    void signsWithASessionOfTheFunctionsRoleNamedAfterTheFunction() {
        AwsSessionCredentials session = (AwsSessionCredentials) credentials.resolveCredentials();

        assertThat(session.accessKeyId()).isEqualTo("ASIA1");
        assertThat(session.sessionToken()).isEqualTo("token");
        assertThat(opened).containsExactly(ROLE + " worker PT1H");
    }

    @Test
    void keepsTheSessionUntilFiveMinutesBeforeItEnds() {
        credentials.resolveCredentials();
        now.set(now.get().plus(Duration.ofMinutes(54)));
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA1");

        now.set(now.get().plus(Duration.ofMinutes(2)));
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA2");
    }

    @Test
    void usesTheLastSessionWhileTheFunctionIsMissingUntilItExpires() {
        credentials.resolveCredentials();
        role.set(Optional.empty());
        now.set(now.get().plus(Duration.ofMinutes(58)));
        assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("ASIA1");

        now.set(now.get().plus(Duration.ofMinutes(3)));
        assertThatThrownBy(credentials::resolveCredentials).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("Function not found: " + ACCOUNT.functionArn("worker"));
    }
}
