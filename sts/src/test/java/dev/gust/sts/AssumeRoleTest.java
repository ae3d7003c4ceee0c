package dev.gust.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.edge.AuthFailure;
import dev.gust.edge.Caller;
import dev.gust.edge.EdgeException;
import dev.gust.edge.OperationKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AssumeRoleTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/app/deployer";
    private static final Caller ROOT = new Caller("000000000000", "arn:aws:iam::000000000000:root", "000000000000",
            "AKGUEXAMPLE0000000000", OperationKind.WRITE, null);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final SessionTokens tokens = new SessionTokens("server-secret-for-the-tests", clock);
    private static final String ROLE_ID = "AROAEXAMPLEDEPLOYER01";
    private static final String FOREIGN = "arn:aws:iam::123456789012:role/cross-account";
    private final KnownRoles roles = new KnownRoles().add(ROLE, ROLE_ID, 43200)
            .add(FOREIGN, "AROAEXAMPLEFOREIGN001", 3600);
    private final AssumeRole assumeRole = new AssumeRole(tokens, roles);

    @Test
    void opensAnHourLongSessionOfTheRoleByDefault() {
        AssumeRole.AssumedRole assumed = assume(ROOT, Map.of("RoleArn", ROLE, "RoleSessionName", "ci@build-7"));

        Session session = assumed.issued().session();
        assertThat(session.assumedRoleArn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/deployer/ci@build-7");
        assertThat(session.assumedRoleId()).isEqualTo(ROLE_ID + ":ci@build-7");
        assertThat(session.expiration()).isEqualTo(Instant.parse("2026-12-07T13:00:00Z"));
        assertThat(assumed.packedPolicySize()).isNull();
    }

    @Test
    void honoursDurationSecondsAndAcceptsTheParametersItIgnores() {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("RoleArn", ROLE, "RoleSessionName", "s1",
                "DurationSeconds", "43200", "ExternalId", "partner:42", "SourceIdentity", "alice",
                "Policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"));
        parameters.put("Tags.member.1.Key", "team");
        parameters.put("Tags.member.1.Value", "platform");

        AssumeRole.AssumedRole assumed = assume(ROOT, parameters);

        assertThat(assumed.issued().session().expiration()).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(assumed.packedPolicySize()).isBetween(1, 100);
    }

    @Test
    void aSessionNeverGetsMoreThanItsCallerHas() {
        Caller function = caller(OperationKind.DATA, null);

        assertThat(assume(function, Map.of("RoleArn", ROLE, "RoleSessionName", "s1")).issued().session().grant())
                .isEqualTo(OperationKind.DATA);
        assertThat(assume(ROOT, Map.of("RoleArn", ROLE, "RoleSessionName", "s1")).issued().session().grant())
                .isEqualTo(OperationKind.WRITE);
    }

    @Test
    void answersTheRecordedValidationErrorsOfAws() throws IOException {
        JsonNode recorded;
        try (InputStream in = getClass().getResourceAsStream(
                "/corpus/localstack/tests/aws/services/sts/test_sts.snapshot.json")) {
            recorded = new ObjectMapper().readTree(in);
        }
        JsonNode invalid = recorded.get("tests/aws/services/sts/test_sts.py::TestSTSIntegrations::test_sts_invalid_parameters")
                .get("recorded-content");
        for (String name : new String[] {"malformed-arn", "no-partition", "no-service", "not-enough-colons", "no-resource"}) {
            JsonNode error = invalid.get(name).get("Error");
            String arn = error.get("Message").asText().replace(" is invalid", "");
            assertValidationError(() -> assume(ROOT, Map.of("RoleArn", arn, "RoleSessionName", "s1")),
                    error.get("Message").asText());
        }
        assertValidationError(() -> assume(ROOT, Map.of("RoleArn", ROLE, "RoleSessionName", "Session1:2")),
                invalid.get("invalid-session-name").get("Error").get("Message").asText());
        JsonNode tooLong = recorded.get(
                "tests/aws/services/sts/test_sts.py::TestSTSIntegrations::test_assume_role_session_name_too_long")
                .get("recorded-content").get("session-name-too-long-error").get("Error");
        assertValidationError(() -> assume(ROOT, Map.of("RoleArn", ROLE, "RoleSessionName", "s".repeat(65))),
                tooLong.get("Message").asText());
    }

    @Test
    void refusesDurationsOutsideFifteenMinutesToTwelveHours() {
        assertValidationError(() -> assume(ROOT, Map.of("RoleArn", ROLE, "RoleSessionName", "s1", "DurationSeconds", "10")),
                "1 validation error detected: Value '10' at 'durationSeconds' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 900");
        assertValidationError(() -> assume(ROOT, Map.of("RoleArn", ROLE, "RoleSessionName", "s1", "DurationSeconds", "43201")),
                "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 43200");
    }

    @Test
    void reportsEveryViolationOfTheModelTogether() {
        assertValidationError(() -> assume(ROOT, Map.of("DurationSeconds", "899")),
                "3 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not "
                        + "be null; Value null at 'roleSessionName' failed to satisfy constraint: Member must not be "
                        + "null; Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value "
                        + "greater than or equal to 900");
        assertValidationError(() -> assume(ROOT, Map.of("RoleArn", "", "RoleSessionName", "a")),
                "3 validation errors detected: Value '' at 'roleArn' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-"
                        + "\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+; Value '' at 'roleArn' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 20; Value 'a' at "
                        + "'roleSessionName' failed to satisfy constraint: Member must have length greater than or "
                        + "equal to 2");
    }

    @Test
    void refusesRolesThatDoNotExistAsAwsDoes() {
        String unknown = "arn:aws:iam::123456789012:role/deployer";
        String wrongPath = "arn:aws:iam::000000000000:role/deployer";
        String notARole = "arn:aws:lambda:us-east-1:000000000000:function:f";
        for (String arn : new String[] {unknown, wrongPath, notARole}) {
            assertThatThrownBy(() -> assume(ROOT, Map.of("RoleArn", arn, "RoleSessionName", "s1")))
                    .isInstanceOfSatisfying(EdgeException.class, e -> {
                        assertThat(e.failure()).isEqualTo(AuthFailure.ACCESS_DENIED);
                        assertThat(e.getMessage()).isEqualTo("User: arn:aws:iam::000000000000:root is not authorized "
                                + "to perform: sts:AssumeRole on resource: " + arn);
                    });
        }
    }

    @Test
    void opensSessionsOfAnotherAccountsRoleInThatAccount() {
        Session session = assume(ROOT, Map.of("RoleArn", FOREIGN, "RoleSessionName", "s1")).issued().session();

        assertThat(session.caller().accountId()).isEqualTo("123456789012");
        assertThat(session.assumedRoleArn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/cross-account/s1");
        assertThat(session.assumedRoleId()).isEqualTo("AROAEXAMPLEFOREIGN001:s1");
    }

    @Test
    void refusesDurationsBeyondTheRolesMaxSessionDuration() {
        assertValidationError(() -> assume(ROOT, Map.of("RoleArn", FOREIGN, "RoleSessionName", "s1",
                "DurationSeconds", "3601")), "The requested DurationSeconds exceeds the MaxSessionDuration set for "
                        + "this role.");
    }

    @Test
    void limitsChainedSessionsToOneHour() {
        Caller session = caller(OperationKind.WRITE, Instant.parse("2026-12-07T12:30:00Z"));

        assertValidationError(() -> assume(session, Map.of("RoleArn", ROLE, "RoleSessionName", "s1", "DurationSeconds", "3601")),
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        assertThat(assume(session, Map.of("RoleArn", ROLE, "RoleSessionName", "s1", "DurationSeconds", "3600"))
                .issued().session().expiration()).isEqualTo(Instant.parse("2026-12-07T13:00:00Z"));
    }

    private AssumeRole.AssumedRole assume(Caller caller, Map<String, String> parameters) {
        return assumeRole.assume(caller, parameters);
    }

    private static Caller caller(OperationKind grant, Instant expiration) {
        return new Caller("000000000000", "arn:aws:sts::000000000000:assumed-role/lambda-role/fn", "AROAEXAMPLE:fn",
                "ASIAEXAMPLE", grant, expiration);
    }

    private static void assertValidationError(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EdgeException.class, e -> {
            assertThat(e.code()).isEqualTo("ValidationError");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
