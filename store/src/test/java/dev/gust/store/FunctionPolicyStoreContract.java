package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The behaviour every {@link FunctionPolicyStore} must show. A store's test extends this class and says how to open
 * a store on a directory; opening again on the same directory must see the same data.
 */
public abstract class FunctionPolicyStoreContract {

    private static final String LATEST = FunctionPolicyStore.LATEST;

    @TempDir
    Path directory;

    private FunctionPolicyStore store;

    /** Opens a store that keeps its data in (or keyed by) {@code directory}. */
    protected abstract FunctionPolicyStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static PolicyStatement statement(String sid) {
        return new PolicyStatement(sid, new PolicyPrincipal(PolicyPrincipal.Kind.SERVICE, "s3.amazonaws.com"),
                "lambda:InvokeFunction", "arn:aws:s3:::photos", "111111111111", null, null, null);
    }

    private static FunctionPolicy policy(String revisionId, String... sids) {
        return new FunctionPolicy(revisionId, List.of(sids).stream().map(FunctionPolicyStoreContract::statement)
                .toList());
    }

    @Test
    void findsNothingWithoutAPolicy() {
        assertThat(store.find("hello", LATEST)).isEmpty();
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void keepsEveryStatementFieldInOrder() {
        PolicyStatement full = new PolicyStatement("url", PolicyPrincipal.any(), "lambda:InvokeFunctionUrl",
                "arn:aws:s3:::b", "111111111111", "token-1", "NONE", "o-1234567890");
        FunctionPolicy policy = new FunctionPolicy("r1", List.of(statement("b"), full, statement("a")));

        assertThat(store.replace("hello", LATEST, null, Optional.of(policy))).isEqualTo(FunctionPolicyStore.Write.WRITTEN);

        assertThat(store.find("hello", LATEST)).contains(policy);
    }

    @Test
    void keepsThePoliciesOfQualifiersApart() {
        store.replace("hello", LATEST, null, Optional.of(policy("r1", "s3")));
        store.replace("hello", "1", null, Optional.of(policy("r2", "v1")));
        store.replace("hello", "live", null, Optional.of(policy("r3", "alias")));

        assertThat(store.find("hello", LATEST)).contains(policy("r1", "s3"));
        assertThat(store.find("hello", "1")).contains(policy("r2", "v1"));
        assertThat(store.find("hello", "live")).contains(policy("r3", "alias"));
        assertThat(store.find("hello", "2")).isEmpty();
        assertThat(store.find("other", LATEST)).isEmpty();
    }

    @Test
    void replacesOnlyFromTheExpectedRevision() {
        store.replace("hello", LATEST, null, Optional.of(policy("r1", "a")));

        assertThat(store.replace("hello", LATEST, null, Optional.of(policy("r2", "b"))))
                .isEqualTo(FunctionPolicyStore.Write.REVISION_MISMATCH);
        assertThat(store.replace("hello", LATEST, "r0", Optional.of(policy("r2", "b"))))
                .isEqualTo(FunctionPolicyStore.Write.REVISION_MISMATCH);
        assertThat(store.find("hello", LATEST)).contains(policy("r1", "a"));

        assertThat(store.replace("hello", LATEST, "r1", Optional.of(policy("r2", "a", "b"))))
                .isEqualTo(FunctionPolicyStore.Write.WRITTEN);
        assertThat(store.find("hello", LATEST)).contains(policy("r2", "a", "b"));
    }

    @Test
    void expectingARevisionWhereThereIsNoPolicyChangesNothing() {
        assertThat(store.replace("hello", LATEST, "r1", Optional.of(policy("r2", "a"))))
                .isEqualTo(FunctionPolicyStore.Write.REVISION_MISMATCH);
        assertThat(store.find("hello", LATEST)).isEmpty();
    }

    @Test
    void replacingWithNothingRemovesThePolicy() {
        store.replace("hello", LATEST, null, Optional.of(policy("r1", "a")));

        assertThat(store.replace("hello", LATEST, "r1", Optional.empty())).isEqualTo(FunctionPolicyStore.Write.WRITTEN);

        assertThat(store.find("hello", LATEST)).isEmpty();
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void deletesOnePolicy() {
        store.replace("hello", "1", null, Optional.of(policy("r1", "a")));
        store.replace("hello", "2", null, Optional.of(policy("r2", "a")));

        assertThat(store.delete("hello", "1")).isTrue();
        assertThat(store.delete("hello", "1")).isFalse();

        assertThat(store.keys()).containsExactly(new FunctionPolicyStore.Key("hello", "2"));
    }

    @Test
    void deletesEveryPolicyOfAFunction() {
        store.replace("hello", LATEST, null, Optional.of(policy("r1", "a")));
        store.replace("hello", "live", null, Optional.of(policy("r2", "a")));
        store.replace("other", LATEST, null, Optional.of(policy("r3", "a")));

        store.deleteFunction("hello");

        assertThat(store.keys()).containsExactly(new FunctionPolicyStore.Key("other", LATEST));
    }

    @Test
    void listsKeysInOrder() {
        store.replace("b", LATEST, null, Optional.of(policy("r1", "a")));
        store.replace("a", "live", null, Optional.of(policy("r2", "a")));
        store.replace("a", "1", null, Optional.of(policy("r3", "a")));

        assertThat(store.keys()).containsExactly(new FunctionPolicyStore.Key("a", "1"),
                new FunctionPolicyStore.Key("a", "live"), new FunctionPolicyStore.Key("b", LATEST));
    }

    @Test
    void keepsPoliciesAcrossReopening() {
        store.replace("hello", "live", null, Optional.of(policy("r1", "a", "b")));
        store.close();

        store = open(directory);

        assertThat(store.find("hello", "live")).contains(policy("r1", "a", "b"));
    }
}
