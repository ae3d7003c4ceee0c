package dev.gust.server;

import dev.gust.sandbox.BubblewrapSandbox;
import dev.gust.sandbox.Sandbox;
import dev.gust.sandbox.SandboxProbe;
import dev.gust.sandbox.UnsandboxedProcessLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the sandbox from the {@code sandbox} setting; refuses to start without bubblewrap unless told. */
final class Sandboxes {

    private static final Logger LOG = LoggerFactory.getLogger(Sandboxes.class);

    private Sandboxes() {
    }

    /**
     * @throws IllegalStateException with what to do when bubblewrap is missing
     */
    static Sandbox choose(String setting) {
        SandboxProbe probe = SandboxProbe.detect();
        if (setting.equals("none")) {
            LOG.warn("""

                    ************************************************************************
                    WARNING: --sandbox=none: functions run WITHOUT ISOLATION, as this user,
                    and can read Gust's data dir and every other function's code.
                    Use this only for code you trust.
                    ************************************************************************""");
            return UnsandboxedProcessLauncher.create(probe);
        }
        return BubblewrapSandbox.create(probe);
    }
}
