package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.edge.Caller;
import dev.gust.edge.IdentityPolicies;
import dev.gust.edge.OperationKind;
import dev.gust.policy.Policy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionRoleFallbackTest {

    private static final Policy LOGS = Policy.identity("""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "logs:*", "Resource": "*"}}""");
    private static final String KNOWN = "arn:aws:sts::000000000000:assumed-role/known/s";
    private final IdentityPolicies iam = caller -> caller.arn().equals(KNOWN) ? List.of(LOGS) : List.of();
    private final ExecutionRoleFallback policies = new ExecutionRoleFallback(iam,
            caller -> caller.arn().equals(KNOWN), OperationKind.DATA);

    @Test
    void givesIamsPoliciesToThePrincipalsIamKnows() {
        assertThat(policies.of(session(KNOWN, OperationKind.DATA))).containsExactly(LOGS);
        assertThat(policies.of(Caller.accountRoot("000000000000", "AKGU"))).isEmpty();
    }

    @Test
    void letsTheGrantAloneBoundAFunctionSessionOfARoleIamDoesNotKnow() {
        List<Policy> function = policies.of(session("arn:aws:sts::000000000000:assumed-role/lambda-role/f",
                OperationKind.DATA));

        assertThat(function).singleElement().extracting(Policy::document).asString().contains("\"Action\": \"*\"");
    }

    @Test
    void givesNothingToOtherPrincipalsIamDoesNotKnow() {
        assertThat(policies.of(session("arn:aws:sts::000000000000:assumed-role/deleted/s", OperationKind.WRITE)))
                .isEmpty();
        assertThat(policies.of(new Caller("000000000000", "arn:aws:iam::000000000000:user/gone", "AIDA", "AKIA",
                OperationKind.DATA, null))).isEmpty();
    }

    private static Caller session(String arn, OperationKind grant) {
        return new Caller("000000000000", arn, "AROA:s", "ASIA", grant, Instant.parse("2026-12-07T13:00:00Z"));
    }
}
