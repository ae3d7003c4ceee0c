package dev.gust.sns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void managedEndpointsAreRetriedInAwsFourPhasesForAboutTwentyThreeDays() {
        RetryPolicy p = RetryPolicy.MANAGED;
        assertThat(p.delayBefore(1)).contains(Duration.ZERO);
        assertThat(p.delayBefore(3)).contains(Duration.ZERO);
        assertThat(p.delayBefore(4)).contains(Duration.ofSeconds(1));
        assertThat(p.delayBefore(5)).contains(Duration.ofSeconds(1));
        assertThat(p.delayBefore(6)).contains(Duration.ofSeconds(1));
        assertThat(p.delayBefore(15)).contains(Duration.ofSeconds(20));
        assertThat(p.delayBefore(10).orElseThrow()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20));
        assertThat(p.delayBefore(100_015)).contains(Duration.ofSeconds(20));
        assertThat(p.delayBefore(100_016)).isEmpty();
        long total = 0;
        for (int retry = 1; retry <= p.numRetries(); retry++) {
            total += p.delayBefore(retry).orElseThrow().toSeconds();
        }
        assertThat(Duration.ofSeconds(total).toDays()).isEqualTo(23);
    }

    @Test
    void httpEndpointsGetThreeRetriesTwentySecondsApartUnlessAPolicySaysOtherwise() {
        RetryPolicy defaults = RetryPolicy.forHttp(null, null);
        assertThat(defaults).isEqualTo(RetryPolicy.HTTP_DEFAULT);
        assertThat(defaults.delayBefore(3)).contains(Duration.ofSeconds(20));
        assertThat(defaults.delayBefore(4)).isEmpty();

        RetryPolicy own = RetryPolicy.forHttp(null, "{\"healthyRetryPolicy\":{\"numRetries\":5,"
                + "\"numNoDelayRetries\":1,\"minDelayTarget\":2,\"maxDelayTarget\":10,\"backoffFunction\":\"linear\"}}");
        assertThat(own.delayBefore(1)).contains(Duration.ZERO);
        assertThat(own.delayBefore(2)).contains(Duration.ofSeconds(2));
        assertThat(own.delayBefore(5)).contains(Duration.ofSeconds(10));
        assertThat(own.delayBefore(6)).isEqualTo(Optional.empty());

        String topic = "{\"http\":{\"defaultHealthyRetryPolicy\":{\"numRetries\":1,\"minDelayTarget\":7,"
                + "\"maxDelayTarget\":7},\"disableSubscriptionOverrides\":true}}";
        assertThat(RetryPolicy.forHttp(topic, "{\"healthyRetryPolicy\":{\"numRetries\":9}}").numRetries())
                .as("the topic forbids overrides").isEqualTo(1);
    }
}
