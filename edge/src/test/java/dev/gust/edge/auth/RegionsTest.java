package dev.gust.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The regions a credential scope may name are those of AWS's commercial, China and GovCloud partitions. */
class RegionsTest {

    @Test
    void commercialChinaAndGovCloudRegionsExist() {
        assertThat(Regions.exists("us-east-1")).isTrue();
        assertThat(Regions.exists("eu-west-1")).isTrue();
        assertThat(Regions.exists("ap-southeast-7")).isTrue();
        assertThat(Regions.exists("cn-north-1")).isTrue();
        assertThat(Regions.exists("cn-northwest-1")).isTrue();
        assertThat(Regions.exists("us-gov-west-1")).isTrue();
    }

    @Test
    void madeUpRegionsDoNotExist() {
        assertThat(Regions.exists("xx-moon-1")).isFalse();
        assertThat(Regions.exists("us-east-9")).isFalse();
        assertThat(Regions.exists("US-EAST-1")).isFalse();
        assertThat(Regions.exists("")).isFalse();
    }
}
