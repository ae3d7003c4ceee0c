package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gust.core.permissions.FunctionPolicy;
import dev.gust.core.permissions.PolicyPrincipal;
import dev.gust.core.permissions.PolicyStatement;
import dev.gust.store.FunctionPolicyStore;
import dev.gust.store.SqliteFunctionPolicyStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Function policies across a {@code kill -9}: acknowledged ones survive, leftovers of deleted resources do not. */
class PermissionsRestartIT {

    @TempDir
    Path dataDir;

    private static void create(LambdaClient lambda, String name) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(FunctionLifecycleIT.ROLE)
                .handler("app.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(VersionTesting.reporterZip("A")))));
    }

    @Test
    void keepsAcknowledgedPoliciesAndSweepsThoseOfResourcesThatAreGone() throws Exception {
        GetPolicyResponse before;
        GetPolicyResponse aliasBefore;
        GustProcess gust = GustProcess.start(dataDir);
        try (LambdaClient lambda = LambdaClients.forServer(gust.endpoint())) {
            create(lambda, "kept");
            lambda.publishVersion(b -> b.functionName("kept"));
            lambda.createAlias(b -> b.functionName("kept").name("live").functionVersion("1"));
            lambda.addPermission(b -> b.functionName("kept").statementId("s3").action("lambda:InvokeFunction")
                    .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::photos"));
            lambda.addPermission(b -> b.functionName("kept").qualifier("live").statementId("sns")
                    .action("lambda:InvokeFunction").principal("sns.amazonaws.com"));
            before = lambda.getPolicy(b -> b.functionName("kept"));
            aliasBefore = lambda.getPolicy(b -> b.functionName("kept").qualifier("live"));
        } finally {
            gust.kill();
            gust.close();
        }
        leaveOrphans();

        try (GustProcess restarted = GustProcess.start(dataDir);
                LambdaClient lambda = LambdaClients.forServer(restarted.endpoint())) {
            GetPolicyResponse after = lambda.getPolicy(b -> b.functionName("kept"));
            assertThat(after.policy()).isEqualTo(before.policy());
            assertThat(after.revisionId()).isEqualTo(before.revisionId());
            assertThat(lambda.getPolicy(b -> b.functionName("kept").qualifier("live")).policy())
                    .isEqualTo(aliasBefore.policy());

            create(lambda, "ghost");
            lambda.createAlias(b -> b.functionName("kept").name("gone").functionVersion("1"));
            assertNoPolicy(lambda, "ghost", null);
            assertNoPolicy(lambda, "kept", "gone");
        }
    }

    /** Writes what a crash between a deletion and its fan-out would leave: policies of a function and an alias. */
    private void leaveOrphans() {
        PolicyStatement statement = new PolicyStatement("left", PolicyPrincipal.any(), "lambda:InvokeFunction", null,
                null, null, null, null);
        try (SqliteFunctionPolicyStore store = new SqliteFunctionPolicyStore(dataDir)) {
            store.replace("ghost", FunctionPolicyStore.LATEST, null,
                    Optional.of(new FunctionPolicy("r1", List.of(statement))));
            store.replace("kept", "gone", null, Optional.of(new FunctionPolicy("r2", List.of(statement))));
        }
    }

    private static void assertNoPolicy(LambdaClient lambda, String function, String qualifier) {
        ResourceNotFoundException e = catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.getPolicy(b -> b.functionName(function).qualifier(qualifier)));
        assertThat(e).as("no policy of %s:%s", function, qualifier).isNotNull();
    }
}
