package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.core.Alias;
import dev.gust.core.CodePackage;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.LambdaException;
import dev.gust.core.VersionWeight;
import dev.gust.store.FunctionRecord;
import dev.gust.store.SqliteFunctionStore;
import dev.gust.store.SqliteVersionStore;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The qualifier resolution against a real SQLite store, with the random draws injected. */
class QualifierResolverTest {

    @TempDir
    Path dataDir;

    private SqliteFunctionStore functions;
    private SqliteVersionStore versions;
    private final ArrayDeque<Double> draws = new ArrayDeque<>();
    private QualifierResolver resolver;

    @BeforeEach
    void open() {
        functions = new SqliteFunctionStore(dataDir);
        versions = new SqliteVersionStore(dataDir);
        resolver = new QualifierResolver(Account.defaults(), versions, Runnable::run, draws::removeFirst);
        FunctionConfiguration latest = FunctionConfiguration.builder().functionName("fn").runtime("python3.12")
                .role("arn:aws:iam::000000000000:role/r").handler("h.h").revisionId("r1")
                .code(new CodePackage("ab".repeat(32), 1, 1)).build();
        functions.create(new FunctionRecord(latest, Map.of()));
        versions.publish(latest.toBuilder().revisionId("r2").build(), "r1", latest);
        versions.publish(latest.toBuilder().revisionId("r3").build(), "r2", latest);
    }

    @AfterEach
    void close() {
        versions.close();
        functions.close();
    }

    private String resolve(String qualifier) {
        return resolver.version("fn", Optional.ofNullable(qualifier)).join();
    }

    @Test
    void versionsResolveToThemselvesWithoutADraw() {
        assertThat(resolve(null)).isEqualTo("$LATEST");
        assertThat(resolve("$LATEST")).isEqualTo("$LATEST");
        assertThat(resolve("2")).isEqualTo("2");
        assertThat(resolve("17")).isEqualTo("17"); // whether it exists is the pool's question
    }

    @Test
    void anAliasRoutesByTheDraw() {
        versions.createAlias(new Alias("fn", "live", "1", "", Optional.of(new VersionWeight("2", 0.1)), "a1"));
        draws.addAll(List.of(0.05, 0.5, 0.0999, 0.1));

        assertThat(List.of(resolve("live"), resolve("live"), resolve("live"), resolve("live")))
                .containsExactly("2", "1", "2", "1");
    }

    @Test
    void anUnknownAliasIsAFunctionNotFound() {
        draws.add(0.5);

        assertThatThrownBy(() -> resolve("ghost")).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(LambdaException.class)
                .hasMessage("Function not found: arn:aws:lambda:us-east-1:000000000000:function:fn:ghost");
    }

    @Test
    void invokingUnknownAliasNamesLeavesNothingBehind() {
        versions.createAlias(new Alias("fn", "live", "1", "", Optional.empty(), "a1"));
        draws.add(0.5);
        assertThat(resolve("live")).isEqualTo("1");

        for (int i = 0; i < 1_000; i++) {
            String ghost = "ghost" + i;
            assertThatThrownBy(() -> resolve(ghost)).isInstanceOf(CompletionException.class);
        }

        assertThat(resolver.cachedAliases()).isEqualTo(1);
    }

    @Test
    void aChangedAliasIsReadAgain() {
        versions.createAlias(new Alias("fn", "live", "1", "", Optional.empty(), "a1"));
        draws.addAll(List.of(0.5, 0.5, 0.5));
        assertThat(resolve("live")).isEqualTo("1");

        versions.replaceAlias(new Alias("fn", "live", "2", "", Optional.empty(), "a2"), "a1");
        assertThat(resolve("live")).as("cached until told").isEqualTo("1");
        resolver.aliasChanged("fn", "live");
        assertThat(resolve("live")).isEqualTo("2");
    }

    @Test
    void aDeletedFunctionsAliasesAreForgotten() {
        versions.createAlias(new Alias("fn", "live", "1", "", Optional.empty(), "a1"));
        draws.addAll(List.of(0.5, 0.5));
        assertThat(resolve("live")).isEqualTo("1");

        functions.delete("fn");
        resolver.functionDeleted("fn");

        assertThatThrownBy(() -> resolve("live")).cause().isInstanceOf(LambdaException.class);
    }
}
