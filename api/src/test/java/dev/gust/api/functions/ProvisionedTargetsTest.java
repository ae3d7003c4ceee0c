package dev.gust.api.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Alias;
import dev.gust.core.VersionWeight;
import dev.gust.store.ProvisionedConcurrencyConfig;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvisionedTargetsTest {

    private static ProvisionedConcurrencyConfig config(String qualifier, int requested) {
        return new ProvisionedConcurrencyConfig("hello", qualifier, requested, Instant.EPOCH);
    }

    private static Alias alias(String version, Optional<VersionWeight> additional) {
        return new Alias("hello", "live", version, "", additional, "r1");
    }

    @Test
    void aVersionConfigProvisionsThatVersion() {
        assertThat(ProvisionedTargets.of(config("3", 2), Optional.empty())).isEqualTo(Map.of("3", 2));
    }

    @Test
    void anAliasConfigProvisionsTheAliasVersion() {
        assertThat(ProvisionedTargets.of(config("live", 4), Optional.of(alias("2", Optional.empty()))))
                .isEqualTo(Map.of("2", 4));
    }

    @Test
    void aWeightedAliasSpreadsItsInstancesByWeight() {
        Alias weighted = alias("1", Optional.of(new VersionWeight("2", 0.2)));

        assertThat(ProvisionedTargets.of(config("live", 10), Optional.of(weighted))).isEqualTo(Map.of("1", 8, "2", 2));
        assertThat(ProvisionedTargets.of(config("live", 1), Optional.of(weighted))).as("rounded: none on 2")
                .isEqualTo(Map.of("1", 1));
    }

    @Test
    void anAliasOnLatestOrAMissingAliasProvisionsNothing() {
        assertThat(ProvisionedTargets.of(config("live", 2), Optional.of(alias("$LATEST", Optional.empty())))).isEmpty();
        assertThat(ProvisionedTargets.of(config("live", 2), Optional.empty())).isEmpty();
    }
}
