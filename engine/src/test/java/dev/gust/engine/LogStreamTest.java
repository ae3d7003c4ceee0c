package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStreamTest {

    @TempDir
    Path logs;

    @Test
    void tailIsTheInvocationsRangeIncludingWhatAnotherWriterAppended() throws Exception {
        try (LogStream stream = LogStream.create(logs, Account.defaults(), "fn", "2026/11/23/[$LATEST]abc")) {
            stream.append("earlier invocation\n");
            long start = stream.size();
            stream.append(ReportLine.start("id", "$LATEST"));
            Files.writeString(stream.file(), "printed by the function\n", StandardOpenOption.APPEND);
            stream.append(ReportLine.end("id"));
            assertThat(stream.tail(start, 4096)).isEqualTo(
                    "START RequestId: id Version: $LATEST\nprinted by the function\nEND RequestId: id\n");
            assertThat(stream.tail(start, 18)).isEqualTo("END RequestId: id\n");
            assertThat(stream.file()).hasFileName("2026-11-23-_$LATEST_abc.log")
                    .hasParent(logs.resolve("000000000000/us-east-1/fn"));
        }
    }

    @Test
    void theFunctionsOutputPastTheQuotaIsDroppedAfterOneLineSayingSo() throws Exception {
        try (LogStream stream = LogStream.create(logs, Account.defaults(), "fn", "2026/11/23/[$LATEST]q", 10)) {
            stream.append("START\n");
            var output = stream.functionOutput();
            byte[] printed = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            output.write(printed, 0, 4);
            output.write(printed, 4, 12);
            output.write(printed, 0, 16);
            stream.append("END\n");
            assertThat(Files.readString(stream.file()))
                    .isEqualTo("START\n0123456789\n" + LogStream.quotaLine(10) + "END\n");
        }
    }

    @Test
    void platformLinesStartALineOfTheirOwnAfterOutputWithoutALineBreak() throws Exception {
        try (LogStream stream = LogStream.create(logs, Account.defaults(), "fn", "2026/11/23/[$LATEST]def")) {
            stream.append(ReportLine.start("id", "$LATEST"));
            byte[] printed = "logged without a newline".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            stream.functionOutput().write(printed, 0, printed.length);
            stream.append(ReportLine.end("id"));
            stream.append(ReportLine.end("id"));

            assertThat(stream.tail(0, 4096)).isEqualTo("START RequestId: id Version: $LATEST\n"
                    + "logged without a newline\nEND RequestId: id\nEND RequestId: id\n");
        }
    }
}
