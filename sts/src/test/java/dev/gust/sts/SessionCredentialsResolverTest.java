package dev.gust.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.credentials.RoleSessions.SessionCredentials;
import dev.gust.edge.AuthFailure;
import dev.gust.edge.Caller;
import dev.gust.edge.CredentialsResolver.ResolvedCredentials;
import dev.gust.edge.EdgeException;
import dev.gust.edge.OperationKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionCredentialsResolverTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final SessionTokens tokens = new SessionTokens("server-secret-for-the-tests", clock);
    private final SessionCredentialsResolver resolver = new SessionCredentialsResolver(tokens);
    private final SessionCredentials credentials = new ExecutionRoleSessions(tokens, OperationKind.DATA)
            .open("arn:aws:iam::000000000000:role/lambda-role", "my-function", Duration.ofHours(1));

    @Test
    void resolvesTemporaryCredentialsToTheSecretAndTheAssumedRole() {
        ResolvedCredentials resolved = resolver.resolve(credentials.accessKeyId(), credentials.sessionToken()).orElseThrow();

        assertThat(resolved.secretAccessKey()).isEqualTo(credentials.secretAccessKey());
        Caller caller = resolved.caller();
        assertThat(caller.arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/lambda-role/my-function");
        assertThat(caller.userId()).matches("AROA[A-Z2-7]{17}:my-function");
        assertThat(caller.accountId()).isEqualTo("000000000000");
        assertThat(caller.accessKeyId()).isEqualTo(credentials.accessKeyId());
        assertThat(caller.grant()).isEqualTo(OperationKind.DATA);
        assertThat(caller.expiration()).isEqualTo(Instant.parse("2026-12-07T13:00:00Z"));
    }

    @Test
    void leavesLongTermAccessKeysToTheOtherResolvers() {
        assertThat(resolver.resolve("AKGUEXAMPLE0000000000", null)).isEmpty();
        assertThat(resolver.resolve("AKIAIOSFODNN7EXAMPLE", credentials.sessionToken())).isEmpty();
    }

    @Test
    void refusesATemporaryKeyWithoutItsToken() {
        SessionTokensTest.assertInvalid(() -> resolver.resolve(credentials.accessKeyId(), null));
    }

    @Test
    void refusesExpiredCredentials() {
        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> resolver.resolve(credentials.accessKeyId(), credentials.sessionToken()))
                .isInstanceOfSatisfying(EdgeException.class,
                        e -> assertThat(e.failure()).isEqualTo(AuthFailure.EXPIRED_TOKEN));
    }
}
