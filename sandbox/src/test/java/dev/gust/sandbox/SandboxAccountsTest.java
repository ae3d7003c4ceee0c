package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxAccountsTest {

    @TempDir
    Path directory;

    @Test
    void namesTheInstanceUidSbxUser1051WithLambdasHome() throws IOException {
        SandboxAccounts.AccountFiles files = new SandboxAccounts(directory)
                .files(new SandboxUser(1_000_000_042, 1_000_000_043));

        assertThat(Files.readAllLines(files.passwd()))
                .contains("sbx_user1051:x:1000000042:1000000043::/home/sbx_user1051:/sbin/nologin")
                .noneMatch(line -> line.startsWith("sbx_user1051:") && line.contains(":993:"));
        assertThat(Files.readAllLines(files.group())).contains("sbx_user1051:x:1000000043:");
    }

    @Test
    void filesAreWorldReadableForTheUnprivilegedUser() throws IOException {
        SandboxAccounts.AccountFiles files = new SandboxAccounts(directory).files(SandboxUser.LAMBDA);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.passwd()))).isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.passwd().getParent())))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void eachUserHasItsOwnFilesAndTheyAreWrittenOnce() throws IOException {
        SandboxAccounts accounts = new SandboxAccounts(directory);
        SandboxAccounts.AccountFiles first = accounts.files(SandboxUser.LAMBDA);
        Files.writeString(first.passwd(), "changed");

        assertThat(accounts.files(SandboxUser.LAMBDA).passwd()).isEqualTo(first.passwd()).hasContent("changed");
        assertThat(accounts.files(new SandboxUser(1_000_000_001, 1_000_000_001)).passwd())
                .isNotEqualTo(first.passwd());
    }
}
