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
    void platformLinesStartALineOfTheirOwnAfterOutputWithoutALineBreak() throws Exception {
        try (LogStream stream = LogStream.create(logs, Account.defaults(), "fn", "2026/11/23/[$LATEST]def")) {
            stream.appendOnOwnLine(ReportLine.start("id", "$LATEST"));
            Files.writeString(stream.file(), "logged without a newline", StandardOpenOption.APPEND);
            stream.appendOnOwnLine(ReportLine.end("id"));
            stream.appendOnOwnLine(ReportLine.end("id"));

            assertThat(stream.tail(0, 4096)).isEqualTo("START RequestId: id Version: $LATEST\n"
                    + "logged without a newline\nEND RequestId: id\nEND RequestId: id\n");
        }
    }
}
