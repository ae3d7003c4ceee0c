package dev.gust.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.credentials.RoleSessions.SessionCredentials;
import dev.gust.edge.OperationKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExecutionRoleSessionsTest {

    private final SessionTokens tokens = new SessionTokens("server-secret-for-the-tests",
            () -> Instant.parse("2026-12-07T12:00:00Z"));

    @Test
    void opensASessionNamedAfterTheFunctionWithTheConfiguredGrant() {
        for (OperationKind grant : OperationKind.values()) {
            SessionCredentials credentials = new ExecutionRoleSessions(tokens, grant)
                    .open("arn:aws:iam::000000000000:role/service-role/fn-role-1a2b", "my-function", Duration.ofHours(12));

            Session session = tokens.verify(credentials.accessKeyId(), credentials.sessionToken());
            assertThat(session.grant()).isEqualTo(grant);
            assertThat(session.sessionName()).isEqualTo("my-function");
            assertThat(session.assumedRoleArn())
                    .isEqualTo("arn:aws:sts::000000000000:assumed-role/fn-role-1a2b/my-function");
            assertThat(credentials.expiration()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
        }
    }

    @Test
    void acceptsEveryRoleLambdaAccepts() {
        ExecutionRoleSessions sessions = new ExecutionRoleSessions(tokens, OperationKind.DATA);

        SessionCredentials china = sessions.open("arn:aws-cn:iam::123456789012:role/r", "f", Duration.ofHours(1));

        assertThat(tokens.verify(china.accessKeyId(), china.sessionToken()).assumedRoleArn())
                .isEqualTo("arn:aws-cn:sts::123456789012:assumed-role/r/f");
        assertThatThrownBy(() -> sessions.open("arn:aws:lambda:us-east-1:000000000000:function:f", "f", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
