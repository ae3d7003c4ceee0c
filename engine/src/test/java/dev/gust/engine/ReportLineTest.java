package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportLineTest {

    @Test
    void writesStartEndAndReportAsLambdaDoes() {
        assertThat(ReportLine.start("id-1", "$LATEST")).isEqualTo("START RequestId: id-1 Version: $LATEST\n");
        assertThat(ReportLine.end("id-1")).isEqualTo("END RequestId: id-1\n");
        assertThat(ReportLine.report("id-1", 1_234_567, 128, 40L << 20, 98_765_432)).isEqualTo(
                "REPORT RequestId: id-1\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\t"
                        + "Max Memory Used: 40 MB\tInit Duration: 98.77 ms\t\n");
    }

    @Test
    void warmStartsHaveNoInitDurationAndBillingRoundsUpToTheNextMillisecond() {
        assertThat(ReportLine.report("id-2", 2_000_001, 256, (30L << 20) + 1, -1)).isEqualTo(
                "REPORT RequestId: id-2\tDuration: 2.00 ms\tBilled Duration: 3 ms\tMemory Size: 256 MB\t"
                        + "Max Memory Used: 31 MB\t\n");
        assertThat(ReportLine.report("id-3", 10_000, 128, 1, -1)).contains("Billed Duration: 1 ms");
    }

    @Test
    void timeoutLineNamesTheRequestAndTheLimit() {
        assertThat(ReportLine.timedOut("id-4", Instant.parse("2026-01-02T03:04:05.678Z"), 3))
                .isEqualTo("2026-01-02T03:04:05.678Z id-4 Task timed out after 3.00 seconds\n");
    }
}
