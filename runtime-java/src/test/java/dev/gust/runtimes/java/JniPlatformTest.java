package dev.gust.runtimes.java;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JniPlatformTest {

    @Test
    void namesTheLibraryTheClientShipsForEachLinuxArchitecture() {
        assertThat(JniPlatform.of("Linux", "amd64").map(JniPlatform::libraryName))
                .contains("libaws-lambda-jni.linux-x86_64.so");
        assertThat(JniPlatform.of("Linux", "aarch64").map(JniPlatform::libraryName))
                .contains("libaws-lambda-jni.linux-aarch_64.so");
    }

    @Test
    void leavesOtherSystemsToTheClient() {
        assertThat(JniPlatform.of("Mac OS X", "aarch64")).isEmpty();
        assertThat(JniPlatform.of("Linux", "riscv64")).isEmpty();
    }
}
