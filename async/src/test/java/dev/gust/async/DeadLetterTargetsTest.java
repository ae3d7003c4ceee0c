package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import dev.gust.core.Alias;
import dev.gust.core.CodePackage;
import dev.gust.core.FunctionArn;
import dev.gust.core.FunctionConfiguration;
import dev.gust.store.EmbeddedStorage;
import dev.gust.store.FunctionRecord;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dead-letter target of the version that ran an event, read from the stored configurations. */
class DeadLetterTargetsTest {

    private static final Account ACCOUNT = new Account("000000000000", "us-east-1");
    private static final FunctionArn F = new FunctionArn(ACCOUNT, "f");
    private static final String FIRST = "arn:aws:sqs:us-east-1:000000000000:first";
    private static final String LATER = "arn:aws:sns:us-east-1:000000000000:later";

    @TempDir
    Path dataDir;
    private EmbeddedStorage storage;
    private DeadLetterTargets targets;

    @BeforeEach
    void open() {
        storage = EmbeddedStorage.open(dataDir, ACCOUNT);
        targets = DeadLetterTargets.storedIn(storage.functions(), storage.versions());
        FunctionConfiguration latest = FunctionConfiguration.builder().functionName("f").revisionId("r1")
                .code(new CodePackage("ab".repeat(32), 10, 20)).deadLetterTargetArn(FIRST).build();
        storage.functions().create(new FunctionRecord(latest, Map.of()));
        // version 1 keeps the first target; $LATEST then moves on to another
        storage.versions().publish(latest.toBuilder().revisionId("r2").build(), "r1",
                latest.toBuilder().revisionId("v1").build());
        FunctionConfiguration changed = storage.functions().find("f").orElseThrow().configuration().toBuilder()
                .revisionId("r3").deadLetterTargetArn(LATER).build();
        storage.functions().replace(new FunctionRecord(changed, Map.of()), "r2");
        storage.versions().createAlias(new Alias("f", "live", "1", "", Optional.empty(), "a1"));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void latestAndUnqualifiedEventsUseLatestsTarget() {
        assertThat(targets.targetOf(F, null)).contains(LATER);
        assertThat(targets.targetOf(F, "$LATEST")).contains(LATER);
    }

    @Test
    void aPublishedVersionKeepsTheTargetItWasPublishedWith() {
        assertThat(targets.targetOf(F, "1")).contains(FIRST);
    }

    @Test
    void anAliasUsesTheTargetOfTheVersionItRoutesTo() {
        assertThat(targets.targetOf(F, "live")).contains(FIRST);
    }

    @Test
    void aMissingFunctionOrVersionHasNone() {
        assertThat(targets.targetOf(new FunctionArn(ACCOUNT, "gone"), null)).isEmpty();
        assertThat(targets.targetOf(F, "9")).isEmpty();
    }
}
