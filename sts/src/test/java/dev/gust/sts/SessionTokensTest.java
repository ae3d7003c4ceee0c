package dev.gust.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.credentials.RoleSessions.SessionCredentials;
import dev.gust.edge.AuthFailure;
import dev.gust.edge.EdgeException;
import dev.gust.edge.OperationKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static final String SERVER_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final RoleArn ROLE = RoleArn.find("arn:aws:iam::000000000000:role/service-role/lambda-role").orElseThrow();

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00.250Z"));
    private final SessionTokens tokens = new SessionTokens(SERVER_SECRET, clock);

    @Test
    void issuesTemporaryAccessKeyIdsLikeAws() {
        SessionCredentials first = issue(Duration.ofHours(1)).credentials();
        SessionCredentials second = issue(Duration.ofHours(1)).credentials();

        assertThat(first.accessKeyId()).matches("ASIA[A-Z2-7]{16}").isNotEqualTo(second.accessKeyId());
        assertThat(first.secretAccessKey()).hasSize(40).isNotEqualTo(second.secretAccessKey());
        assertThat(first.expiration()).isEqualTo(Instant.parse("2026-12-07T13:00:00Z"));
    }

    @Test
    void verifiesItsOwnTokenAndReturnsTheSession() {
        SessionTokens.IssuedSession issued = issue(Duration.ofMinutes(15));

        Session session = tokens.verify(issued.credentials().accessKeyId(), issued.credentials().sessionToken());

        assertThat(session).isEqualTo(issued.session());
        assertThat(session.assumedRoleArn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/lambda-role/my-session");
        assertThat(session.assumedRoleId()).matches("AROA[A-Z2-7]{17}:my-session");
        assertThat(tokens.secretAccessKey(session.accessKeyId())).isEqualTo(issued.credentials().secretAccessKey());
    }

    @Test
    void sessionsSurviveARestartWithTheSameServerSecret() {
        SessionCredentials credentials = issue(Duration.ofHours(1)).credentials();
        SessionTokens restarted = new SessionTokens(SERVER_SECRET, clock);

        Session session = restarted.verify(credentials.accessKeyId(), credentials.sessionToken());

        assertThat(session.grant()).isEqualTo(OperationKind.DATA);
        assertThat(restarted.secretAccessKey(credentials.accessKeyId())).isEqualTo(credentials.secretAccessKey());
        assertThat(restarted.roleId(ROLE)).isEqualTo(tokens.roleId(ROLE));
    }

    @Test
    void refusesATokenMintedWithAnotherServerSecret() {
        SessionCredentials credentials = new SessionTokens("another-server-secret-0123456789", clock)
                .issue(ROLE, "my-session", OperationKind.WRITE, Duration.ofHours(1)).credentials();

        assertInvalid(() -> tokens.verify(credentials.accessKeyId(), credentials.sessionToken()));
    }

    @Test
    void refusesATokenWithAnyByteChanged() {
        SessionCredentials credentials = issue(Duration.ofHours(1)).credentials();
        byte[] bytes = Base64.getUrlDecoder().decode(credentials.sessionToken());
        for (int i = 0; i < bytes.length; i++) {
            byte[] forged = bytes.clone();
            forged[i] ^= 0x01;
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(forged);
            assertInvalid(() -> tokens.verify(credentials.accessKeyId(), token));
        }
    }

    @Test
    void refusesEveryOtherSpellingOfAToken() {
        SessionCredentials credentials = issue(Duration.ofHours(1)).credentials();
        String token = credentials.sessionToken();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != token.charAt(i)) {
                    String other = token.substring(0, i) + c + token.substring(i + 1);
                    assertInvalid(() -> tokens.verify(credentials.accessKeyId(), other));
                }
            }
        }
        assertInvalid(() -> tokens.verify(credentials.accessKeyId(), token + "="));
    }

    @Test
    void refusesAGrantRaisedInTheToken() {
        SessionCredentials credentials = issue(Duration.ofHours(1)).credentials();
        String payload = new String(Base64.getUrlDecoder().decode(credentials.sessionToken()),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(payload).contains("DATA");
        // WRITE is one letter longer than DATA: the forger rewrites the length prefix too, and keeps the old MAC
        String raised = payload.replace("\u0000\u0004DATA", "\u0000\u0005WRITE");
        String token = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(raised.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertInvalid(() -> tokens.verify(credentials.accessKeyId(), token));
    }

    @Test
    void refusesATokenPresentedWithAnotherAccessKeyId() {
        SessionCredentials mine = issue(Duration.ofHours(1)).credentials();
        SessionCredentials other = issue(Duration.ofHours(1)).credentials();

        assertInvalid(() -> tokens.verify(other.accessKeyId(), mine.sessionToken()));
    }

    @Test
    void refusesMissingAndMalformedTokens() {
        String accessKeyId = issue(Duration.ofHours(1)).credentials().accessKeyId();
        for (String token : new String[] {null, "", "not base64!", "AQ", "FwoGZXIvYXdzEBYaDHhBTEFNUExFVE9LRU4"}) {
            assertInvalid(() -> tokens.verify(accessKeyId, token));
        }
    }

    @Test
    void refusesATokenFromItsExpiryOnWithExpiredToken() {
        SessionCredentials credentials = issue(Duration.ofMinutes(15)).credentials();
        clock.advance(Duration.ofMinutes(15).minusMillis(251)); // one millisecond before the expiry
        assertThat(tokens.verify(credentials.accessKeyId(), credentials.sessionToken())).isNotNull();

        clock.advance(Duration.ofMillis(1));

        assertThatThrownBy(() -> tokens.verify(credentials.accessKeyId(), credentials.sessionToken()))
                .isInstanceOfSatisfying(EdgeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(AuthFailure.EXPIRED_TOKEN);
                    assertThat(e.getMessage()).isEqualTo("The security token included in the request is expired");
                });
    }

    @Test
    void givesEachRoleOneStableRoleId() {
        RoleArn other = RoleArn.find("arn:aws:iam::000000000000:role/other-role").orElseThrow();

        assertThat(tokens.roleId(ROLE)).matches("AROA[A-Z2-7]{17}").isEqualTo(tokens.roleId(ROLE))
                .isNotEqualTo(tokens.roleId(other));
    }

    private SessionTokens.IssuedSession issue(Duration duration) {
        return tokens.issue(ROLE, "my-session", OperationKind.DATA, duration);
    }

    static void assertInvalid(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EdgeException.class, e -> {
            assertThat(e.failure()).isEqualTo(AuthFailure.UNRECOGNIZED_CLIENT);
            assertThat(e.getMessage()).isEqualTo("The security token included in the request is invalid.");
        });
    }
}
