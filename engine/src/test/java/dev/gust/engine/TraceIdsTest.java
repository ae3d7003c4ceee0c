package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraceIdsTest {

    @Test
    void looksLikeAnXRayTraceHeaderWithTheEpochSecondsInTheRoot() {
        String header = TraceIds.generate(Instant.ofEpochSecond(0x5bef4de7L));

        assertThat(header).matches("Root=1-5bef4de7-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");
        assertThat(TraceIds.generate(Instant.ofEpochSecond(0x5bef4de7L))).isNotEqualTo(header);
    }
}
