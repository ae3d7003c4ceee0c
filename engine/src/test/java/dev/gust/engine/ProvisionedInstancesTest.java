package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvisionedInstancesTest {

    private final ProvisionedInstances<String> set = new ProvisionedInstances<>();

    @Test
    void startsTheTargetOnceAndCountsStartingInstances() {
        set.target(2);

        assertThat(set.toStart()).isEqualTo(2);
        assertThat(set.toStart()).as("already starting").isZero();
        assertThat(set.started("a")).isTrue();
        assertThat(set.readyCount()).isEqualTo(1);
        assertThat(set.started("b")).isTrue();
        assertThat(set.readyCount()).isEqualTo(2);
        assertThat(set.toStart()).isZero();
    }

    @Test
    void takesIdleInstancesPreferringTheGivenOneAndOthersMostRecentlyUsedFirst() {
        provisionReady("a", "b", "c");

        assertThat(set.take("a"::equals)).isEqualTo("a");
        assertThat(set.take(instance -> false)).isEqualTo("c");
        assertThat(set.take(instance -> false)).isEqualTo("b");
        assertThat(set.take(instance -> true)).as("none idle").isNull();
        assertThat(set.release("b")).isTrue();
        assertThat(set.take(instance -> false)).isEqualTo("b");
    }

    @Test
    void aLostInstanceIsReplaced() {
        provisionReady("a", "b");
        set.take(instance -> false);

        set.remove("b");

        assertThat(set.size()).isEqualTo(1);
        assertThat(set.toStart()).isEqualTo(1);
        assertThat(set.started("c")).isTrue();
        assertThat(set.readyCount()).isEqualTo(2);
    }

    @Test
    void deadIdleInstancesLeaveTheSet() {
        provisionReady("a", "dead", "b");

        assertThat(set.removeIdle("dead"::equals)).containsExactly("dead");

        assertThat(set.contains("dead")).isFalse();
        assertThat(set.toStart()).isEqualTo(1);
    }

    @Test
    void loweringTheTargetStopsIdleSurplusNowAndBusySurplusWhenReleased() {
        provisionReady("a", "b", "c");
        String busy = set.take("c"::equals);

        List<String> surplus = set.target(1);

        assertThat(surplus).containsExactly("a", "b");
        assertThat(set.release(busy)).as("the one left is within the target").isTrue();
        List<String> none = set.target(0);
        assertThat(none).containsExactly("c");
        assertThat(set.size()).isZero();
    }

    @Test
    void aBusyInstanceBeyondTheLoweredTargetStopsOnRelease() {
        provisionReady("a", "b");
        String busyA = set.take(instance -> false);
        String busyB = set.take(instance -> false);

        assertThat(set.target(1)).as("both busy: nothing to stop now").isEmpty();

        assertThat(set.release(busyA)).isFalse();
        assertThat(set.contains(busyA)).isFalse();
        assertThat(set.release(busyB)).isTrue();
        assertThat(set.readyCount()).isEqualTo(1);
    }

    @Test
    void anInstanceThatFinishesStartingBeyondTheTargetIsSurplus() {
        set.target(2);
        set.toStart();
        set.target(1);

        assertThat(set.started("a")).isTrue();
        assertThat(set.started("b")).isFalse();
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void aFailedStartIsReportedUntilTheTargetIsSetAgain() {
        set.target(2);
        set.toStart();
        set.started("a");

        set.startFailed("FUNCTION_ERROR_INIT_FAILURE");

        assertThat(set.failure()).contains("FUNCTION_ERROR_INIT_FAILURE");
        assertThat(set.toStart()).as("a failed start is not retried by itself").isEqualTo(1);
        set.startFailed("FUNCTION_ERROR_INIT_FAILURE");
        set.target(2);
        assertThat(set.failure()).isEqualTo(Optional.empty());
    }

    @Test
    void clearingReturnsEveryInstanceBusyOrIdle() {
        provisionReady("a", "b");
        set.take(instance -> false);

        assertThat(set.clear()).containsExactlyInAnyOrder("a", "b");
        assertThat(set.size()).isZero();
        assertThat(set.target()).isZero();
    }

    private void provisionReady(String... instances) {
        set.target(instances.length);
        assertThat(set.toStart()).isEqualTo(instances.length);
        for (String instance : instances) {
            assertThat(set.started(instance)).isTrue();
        }
    }

    @Test
    void anInstanceDueForReplacementServesUntilItsSuccessorIsReadyThenStops() {
        provisionReady("a", "b");

        assertThat(set.replace("a"::equals)).isEqualTo(1);
        assertThat(set.replace("a"::equals)).as("marked once").isZero();
        assertThat(set.toStart()).as("its successor counts as starting").isZero();
        assertThat(set.readyCount()).isEqualTo(2);
        List<String> stop = new java.util.ArrayList<>();
        assertThat(set.started("c", stop)).isTrue();

        assertThat(stop).containsExactly("a");
        assertThat(set.contains("a")).isFalse();
        assertThat(set.readyCount()).isEqualTo(2);
        assertThat(set.size()).isEqualTo(2);
    }

    @Test
    void aBusyInstanceDueForReplacementStopsWhenReleasedOnceItsSuccessorIsReady() {
        provisionReady("a");
        String busy = set.take(instance -> true);
        set.replace(instance -> true);
        List<String> stop = new java.util.ArrayList<>();

        assertThat(set.started("b", stop)).isTrue();

        assertThat(stop).isEmpty();
        assertThat(set.readyCount()).isEqualTo(1);
        assertThat(set.take(instance -> false)).as("the successor is idle").isEqualTo("b");
        assertThat(set.release(busy)).as("replaced").isFalse();
        assertThat(set.contains(busy)).isFalse();
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void anInstanceDueForReplacementThatLeavesAsSurplusIsNotReplacedTwice() {
        provisionReady("a", "b");
        set.replace("a"::equals);

        assertThat(set.target(1)).as("the least recently used idle one").containsExactly("a");
        List<String> stop = new java.util.ArrayList<>();
        assertThat(set.started("c", stop)).as("beyond the lowered target").isFalse();

        assertThat(stop).isEmpty();
        assertThat(set.readyCount()).isEqualTo(1);
        assertThat(set.size()).isEqualTo(1);
    }
}
