package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the user-namespace settings from a fake {@code /proc/sys}. */
class KernelSettingsTest {

    @TempDir
    Path root;

    private void write(String path, String content) {
        FakeFiles.write(root, path, content);
    }

    @Test
    void readsUbuntusAppArmorRestriction() {
        write("proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1\n");
        write("proc/sys/user/max_user_namespaces", "63229\n");

        KernelSettings settings = KernelSettings.read(root);

        assertThat(settings.apparmorRestricts()).isTrue();
        assertThat(settings.userNamespacesDisabled()).isFalse();
        assertThat(settings.unprivilegedUserNamespaces()).isEmpty();
    }

    @Test
    void eitherSettingAtZeroDisablesUserNamespaces() {
        write("proc/sys/kernel/unprivileged_userns_clone", "0\n");
        assertThat(KernelSettings.read(root).userNamespacesDisabled()).isTrue();

        write("proc/sys/kernel/unprivileged_userns_clone", "1\n");
        write("proc/sys/user/max_user_namespaces", "0\n");
        assertThat(KernelSettings.read(root).userNamespacesDisabled()).isTrue();
        assertThat(KernelSettings.read(root).maxUserNamespaces()).isEqualTo(OptionalLong.of(0));
    }

    @Test
    void aKernelWithoutTheSettingsRestrictsNothing() {
        KernelSettings settings = KernelSettings.read(root);

        assertThat(settings.apparmorRestricts()).isFalse();
        assertThat(settings.userNamespacesDisabled()).isFalse();
    }
}
