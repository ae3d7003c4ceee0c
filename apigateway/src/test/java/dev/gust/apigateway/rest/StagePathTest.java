package dev.gust.apigateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.apigateway.rest.ProxyIntegration.StagePath;
import org.junit.jupiter.api.Test;

class StagePathTest {

    @Test
    void splitsTheStageFromThePathAfterIt() {
        assertThat(StagePath.of("/prod/items/1")).isEqualTo(new StagePath("prod", "/items/1"));
        assertThat(StagePath.of("/prod/proxy-value/")).isEqualTo(new StagePath("prod", "/proxy-value/"));
        assertThat(StagePath.of("/prod")).isEqualTo(new StagePath("prod", "/"));
    }

    @Test
    void collapsesSlashesBeforeAndRightAfterTheStageButNotWithinThePath() {
        assertThat(StagePath.of("//prod//a//b")).isEqualTo(new StagePath("prod", "/a//b"));
    }

    @Test
    void aPathWithoutAStageHasNone() {
        assertThat(StagePath.of("/").stage()).isNull();
        assertThat(StagePath.of("").stage()).isNull();
    }
}
