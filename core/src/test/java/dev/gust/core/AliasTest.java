package dev.gust.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AliasTest {

    private static Alias split(double weight) {
        return new Alias("fn", "live", "1", "", Optional.of(new VersionWeight("2", weight)), "rev");
    }

    @Test
    void picksTheAdditionalVersionWhenTheDrawFallsBelowItsWeight() {
        Alias alias = split(0.1);

        assertThat(alias.pick(0.0)).isEqualTo("2");
        assertThat(alias.pick(0.0999)).isEqualTo("2");
        assertThat(alias.pick(0.1)).isEqualTo("1");
        assertThat(alias.pick(0.9999)).isEqualTo("1");
    }

    @Test
    void weightZeroNeverAndWeightOneAlwaysRunsTheAdditionalVersion() {
        assertThat(split(0.0).pick(0.0)).isEqualTo("1");
        assertThat(split(1.0).pick(0.9999999)).isEqualTo("2");
    }

    @Test
    void anAliasWithoutRoutingAlwaysRunsItsVersion() {
        Alias plain = new Alias("fn", "live", "$LATEST", "", Optional.empty(), "rev");

        assertThat(plain.pick(0.0)).isEqualTo("$LATEST");
        assertThat(plain.pick(0.5)).isEqualTo("$LATEST");
    }

    @Test
    void splitsUniformDrawsInProportionToTheWeight() {
        SplittableRandom random = new SplittableRandom(20240131L);
        Alias alias = split(0.25);
        int additional = 0;
        for (int i = 0; i < 100_000; i++) {
            if (alias.pick(random.nextDouble()).equals("2")) {
                additional++;
            }
        }
        // binomial(100000, 0.25): sigma ~ 137; five sigma either side
        assertThat(additional).isBetween(25_000 - 685, 25_000 + 685);
    }

    @Test
    void tellsWhichVersionsItReferences() {
        Alias alias = split(0.5);

        assertThat(alias.references("1")).isTrue();
        assertThat(alias.references("2")).isTrue();
        assertThat(alias.references("3")).isFalse();
    }

    @Test
    void refusesWeightsOutsideZeroToOne() {
        assertThatThrownBy(() -> new VersionWeight("2", 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VersionWeight("2", -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VersionWeight("2", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
