package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InitErrorsTest {

    @Test
    void theHeaderNamesTheTypeElseTheBodyElseRuntimeUnknown() {
        byte[] body = "{\"errorMessage\":\"Unable to import module\",\"errorType\":\"Runtime.ImportModuleError\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(InitErrors.type("Runtime.HandlerNotFound", body)).isEqualTo("Runtime.HandlerNotFound");
        assertThat(InitErrors.type(null, body)).isEqualTo("Runtime.ImportModuleError");
        assertThat(InitErrors.type(" ", "not json".getBytes(StandardCharsets.UTF_8))).isEqualTo("Runtime.Unknown");
        assertThat(InitErrors.type(null, null)).isEqualTo("Runtime.Unknown");
    }

    @Test
    void initReportLinesAreWrittenAsLambdaWritesThem() {
        assertThat(ReportLine.initReport(10_000_123_456L, InitPhase.INIT, "timeout", null))
                .isEqualTo("INIT_REPORT Init Duration: 10000.12 ms\tPhase: init\tStatus: timeout\n");
        assertThat(ReportLine.initReport(52_345_678L, InitPhase.INVOKE, "error", "Runtime.ExitError"))
                .isEqualTo("INIT_REPORT Init Duration: 52.35 ms\tPhase: invoke\tStatus: error\t"
                        + "Error Type: Runtime.ExitError\n");
        assertThat(ReportLine.runtimeExited("id-1", "Runtime.ExitError", "Runtime exited with error: exit status 1"))
                .isEqualTo("RequestId: id-1 Error: Runtime exited with error: exit status 1\nRuntime.ExitError\n");
    }
}
