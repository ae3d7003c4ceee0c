package dev.gust.server;

import dev.gust.sandbox.BubblewrapSandbox;
import dev.gust.sandbox.Sandbox;
import dev.gust.sandbox.SandboxCheck;
import dev.gust.sandbox.SandboxProbe;
import dev.gust.sandbox.UnsandboxedProcessLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the sandbox from the {@code sandbox} setting and checks it by launching a trivial instance; refuses to
 * start without a working bubblewrap unless told.
 */
final class Sandboxes {

    private static final Logger LOG = LoggerFactory.getLogger(Sandboxes.class);

    private Sandboxes() {
    }

    /**
     * @throws IllegalStateException with the cause and what to do when bubblewrap is missing or a trivial
     *     instance does not start
     */
    static Sandbox choose(String setting) {
        SandboxProbe probe = SandboxProbe.detect();
        Sandbox sandbox;
        if (setting.equals("none")) {
            LOG.warn("""

                    ************************************************************************
                    WARNING: --sandbox=none: functions run WITHOUT ISOLATION, as this user,
                    and can read Gust's data dir and every other function's code.
                    Use this only for code you trust.
                    ************************************************************************""");
            sandbox = UnsandboxedProcessLauncher.create(probe);
        } else {
            sandbox = BubblewrapSandbox.create(probe);
        }
        LOG.debug("sandbox check passed in {}", SandboxCheck.require(sandbox, probe));
        if (!sandbox.capabilities().cgroupLimits()) {
            // starts anyway (a laptop without delegation still runs Python), but says what is missing and how to fix it
            LOG.warn("{}; Java and Node functions may not start under RLIMIT_AS", sandbox.capabilities().limits());
        }
        return sandbox;
    }
}
