package dev.gust.api.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.LambdaException;
import dev.gust.core.credentials.ExecutionRoles;
import dev.gust.core.credentials.Roles.RoleDescription;
import dev.gust.policy.Policy;
import dev.gust.policy.PolicyMatch;
import dev.gust.policy.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ExecutionRoleCheckTest {

    private static final String ACCOUNT = "000000000000";
    private static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    /** IAM's roles in memory, recording what was created. */
    private static final class FakeRoles implements ExecutionRoles {
        final Map<String, RoleDescription> roles = new ConcurrentHashMap<>();
        final List<String> created = new ArrayList<>();

        void put(String account, String path, String name, String trust) {
            roles.put(account + "/" + name, new RoleDescription("arn:aws:iam::" + account + ":role" + path + name,
                    "AROAEXAMPLE", trust, 3600));
        }

        @Override
        public Optional<RoleDescription> find(String accountId, String roleName) {
            return Optional.ofNullable(roles.get(accountId + "/" + roleName));
        }

        @Override
        public RoleDescription create(String accountId, String path, String roleName, String trustPolicy,
                String policyName, String policyDocument) {
            created.add(accountId + ":" + path + roleName + " " + policyName);
            put(accountId, path, roleName, trustPolicy);
            return find(accountId, roleName).orElseThrow();
        }
    }

    @Test
    void strictModeRefusesAMissingRoleWithAwsMessage() {
        FakeRoles roles = new FakeRoles();
        ExecutionRoleCheck check = new ExecutionRoleCheck(ExecutionRoleCheck.Mode.STRICT, roles);

        assertThatThrownBy(() -> check.require(ACCOUNT, "arn:aws:iam::000000000000:role/missing"))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.status()).isEqualTo(400);
                })
                .hasMessage("The role defined for the function cannot be assumed by Lambda.");
        assertThat(roles.created).isEmpty();
    }

    @Test
    void aRoleThatLambdaMayAssumeIsAcceptedInEitherMode() {
        FakeRoles roles = new FakeRoles();
        roles.put(ACCOUNT, "/app/", "runner", ExecutionRoleCheck.LAMBDA_TRUST);

        new ExecutionRoleCheck(ExecutionRoleCheck.Mode.STRICT, roles)
                .require(ACCOUNT, "arn:aws:iam::000000000000:role/app/runner");
        new ExecutionRoleCheck(ExecutionRoleCheck.Mode.DEV, roles)
                .require(ACCOUNT, "arn:aws:iam::000000000000:role/app/runner");

        assertThat(roles.created).isEmpty();
    }

    @Test
    void aRoleLambdaMayNotAssumeOrNamedWithAnotherPathIsRefusedEvenInDevMode() {
        FakeRoles roles = new FakeRoles();
        roles.put(ACCOUNT, "/", "ec2", EC2_TRUST);
        roles.put(ACCOUNT, "/app/", "runner", ExecutionRoleCheck.LAMBDA_TRUST);
        ExecutionRoleCheck check = new ExecutionRoleCheck(ExecutionRoleCheck.Mode.DEV, roles);

        assertThatThrownBy(() -> check.require(ACCOUNT, "arn:aws:iam::000000000000:role/ec2"))
                .isInstanceOf(LambdaException.class);
        assertThatThrownBy(() -> check.require(ACCOUNT, "arn:aws:iam::000000000000:role/runner"))
                .isInstanceOf(LambdaException.class);
        assertThat(roles.created).isEmpty();
    }

    @Test
    void devModeCreatesAMissingRoleOfTheFunctionsAccountOnlyOnce() {
        FakeRoles roles = new FakeRoles();
        ExecutionRoleCheck check = new ExecutionRoleCheck(ExecutionRoleCheck.Mode.DEV, roles);

        check.require(ACCOUNT, "arn:aws:iam::000000000000:role/app/runner");
        check.require(ACCOUNT, "arn:aws:iam::000000000000:role/app/runner");
        assertThatThrownBy(() -> check.require(ACCOUNT, "arn:aws:iam::123456789012:role/runner"))
                .isInstanceOf(LambdaException.class);

        assertThat(roles.created).containsExactly("000000000000:/app/runner GustDevModeDataPlane");
    }

    @Test
    void theDevModePolicyAllowsTheDataPlaneAndNoControlPlane() {
        Policy policy = Policy.identity(ExecutionRoleCheck.DATA_PLANE_POLICY);
        for (String action : List.of("lambda:InvokeFunction", "sqs:SendMessage", "s3:GetObject", "logs:PutLogEvents")) {
            assertThat(policy.evaluate(request(action))).as(action).isEqualTo(PolicyMatch.ALLOW);
        }
        for (String action : List.of("lambda:DeleteFunction", "lambda:GetFunction", "iam:CreateRole",
                "sts:AssumeRole")) {
            assertThat(policy.evaluate(request(action))).as(action).isEqualTo(PolicyMatch.NONE);
        }
    }

    private static RequestContext request(String action) {
        return RequestContext.builder(action, "*")
                .principal("arn:aws:iam::000000000000:role/runner", ACCOUNT).build();
    }
}
