package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterFileTest {

    @TempDir
    Path dir;

    @Test
    void everyReadSeesTheFilesCurrentNumberThroughOneKeptOpenDescriptor() throws Exception {
        Path file = dir.resolve("memory.peak");
        Files.writeString(file, "4096\n");
        try (CounterFile counter = new CounterFile(file)) {
            assertThat(counter.read()).isEqualTo(OptionalLong.of(4096));
            Files.writeString(file, "8192\n");
            assertThat(counter.read()).isEqualTo(OptionalLong.of(8192));
            Files.writeString(file, "max\n");
            assertThat(counter.read()).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
        }
    }

    @Test
    void aMissingUnreadableOrClosedFileReadsEmpty() throws Exception {
        assertThat(new CounterFile(dir.resolve("absent")).read()).isEmpty();
        Path garbage = dir.resolve("garbage");
        Files.writeString(garbage, "not a number");
        assertThat(new CounterFile(garbage).read()).isEmpty();
        Path file = dir.resolve("memory.current");
        Files.writeString(file, "1");
        CounterFile counter = new CounterFile(file);
        assertThat(counter.read()).hasValue(1);
        counter.close();
        assertThat(counter.read()).isEmpty();
    }
}
