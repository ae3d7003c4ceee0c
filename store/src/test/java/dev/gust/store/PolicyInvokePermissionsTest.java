package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.invoke.InvokeAuthorization;
import dev.gust.core.permissions.FunctionPolicy;
import dev.gust.core.permissions.PolicyPrincipal;
import dev.gust.core.permissions.PolicyStatement;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyInvokePermissionsTest {

    private static final String BUCKET = "arn:aws:s3:::photos";

    @TempDir
    Path directory;

    private SqliteFunctionPolicyStore store;
    private PolicyInvokePermissions permissions;

    @BeforeEach
    void open() {
        store = new SqliteFunctionPolicyStore(directory);
        permissions = new PolicyInvokePermissions(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void allowS3(String qualifier) {
        PolicyStatement statement = new PolicyStatement("s3", new PolicyPrincipal(PolicyPrincipal.Kind.SERVICE,
                "s3.amazonaws.com"), "lambda:InvokeFunction", BUCKET, null, null, null, null);
        store.replace("fn", qualifier, null, Optional.of(new FunctionPolicy("r-" + qualifier, List.of(statement))));
    }

    private boolean s3Invokes(Optional<String> qualifier) {
        return permissions.allows(InvokeAuthorization.serviceInvoke("fn", qualifier, "s3.amazonaws.com", BUCKET,
                "111111111111"));
    }

    @Test
    void allowsNothingWithoutAPolicy() {
        assertThat(s3Invokes(Optional.empty())).isFalse();
    }

    @Test
    void judgesUnqualifiedAndLatestInvocationsByTheFunctionsPolicy() {
        allowS3(FunctionPolicyStore.LATEST);

        assertThat(s3Invokes(Optional.empty())).isTrue();
        assertThat(s3Invokes(Optional.of("$LATEST"))).isTrue();
        assertThat(s3Invokes(Optional.of("live"))).isFalse();
    }

    @Test
    void judgesAnAliasInvocationByTheAliasPolicyOnly() {
        allowS3("live");

        assertThat(s3Invokes(Optional.of("live"))).isTrue();
        assertThat(s3Invokes(Optional.empty())).isFalse();
        assertThat(s3Invokes(Optional.of("1"))).isFalse();
    }

    @Test
    void refusesAStatementWhoseConditionFails() {
        allowS3(FunctionPolicyStore.LATEST);

        assertThat(permissions.allows(InvokeAuthorization.serviceInvoke("fn", Optional.empty(), "s3.amazonaws.com",
                "arn:aws:s3:::other", null))).isFalse();
    }
}
