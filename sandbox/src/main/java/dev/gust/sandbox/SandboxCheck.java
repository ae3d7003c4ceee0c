package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The startup check of a sandbox: launches one trivial instance ({@code /bin/true}) exactly as instances are
 * launched (same namespaces, mounts, user and cgroups) and refuses to go on if it does not exit cleanly, with the
 * cause and the fix ({@link SandboxStartFailure}); stateless.
 *
 * <p>Without it, a host where bubblewrap cannot create its namespaces (Ubuntu 24.04's AppArmor restriction, for
 * one) starts fine and then fails every invoke with {@code Runtime.ExitError}. Costs one launch, about 10 ms.
 */
public final class SandboxCheck {

    /** How long the trivial instance may take; a healthy launch takes milliseconds. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_OUTPUT = 4096;
    private static final Duration OUTPUT_GRACE = Duration.ofMillis(500);

    private SandboxCheck() {
    }

    /**
     * Launches a trivial instance in {@code sandbox} and returns how long it took.
     *
     * @param probe what was found on this host, named in the explanation of a failure
     * @throws IllegalStateException if it does not exit with status 0 within {@link #TIMEOUT}, with the cause
     *     and the fix as its message
     */
    public static Duration require(Sandbox sandbox, SandboxProbe probe) {
        return require(sandbox, probe, KernelSettings.read(Path.of("/")), TIMEOUT);
    }

    static Duration require(Sandbox sandbox, SandboxProbe probe, KernelSettings kernel, Duration timeout) {
        long start = System.nanoTime();
        Path taskRoot = null;
        try {
            taskRoot = Files.createTempDirectory("gust-sandbox-check-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
            SandboxSpec spec = SandboxSpec.builder("gust-sandbox-check-" + ProcessHandle.current().pid(), taskRoot)
                    .argv("/bin/true").build();
            run(sandbox, spec, timeout);
            return Duration.ofNanos(System.nanoTime() - start);
        } catch (LaunchFailure e) {
            throw new IllegalStateException(SandboxStartFailure.explain(e.getMessage(), e.output, bubblewrap(probe),
                    probe.root(), kernel));
        } catch (IOException e) {
            throw new IllegalStateException(SandboxStartFailure.explain("the launch failed: " + e.getMessage(), "",
                    bubblewrap(probe), probe.root(), kernel), e);
        } finally {
            if (taskRoot != null) {
                try {
                    Files.deleteIfExists(taskRoot);
                } catch (IOException e) {
                    // a temporary directory left behind is harmless
                }
            }
        }
    }

    /** Launches and waits for a clean exit; throws {@link LaunchFailure} with the output otherwise. */
    private static void run(Sandbox sandbox, SandboxSpec spec, Duration timeout) throws IOException {
        try (SandboxedProcess process = sandbox.launch(spec)) {
            OutputCapture stdout = OutputCapture.of(process.stdout(), MAX_OUTPUT);
            OutputCapture stderr = OutputCapture.of(process.stderr(), MAX_OUTPUT);
            Exit exit;
            try {
                exit = process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                process.kill();
                String output = stderr.text(OUTPUT_GRACE) + stdout.text(OUTPUT_GRACE);
                throw new LaunchFailure("it did not exit within " + timeout.toMillis() + " ms", output);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the sandbox check", e);
            }
            if (exit.status() != 0) {
                String output = stderr.text(OUTPUT_GRACE) + stdout.text(OUTPUT_GRACE);
                throw new LaunchFailure("/bin/true in a sandbox ended with " + exit.describe(), output);
            }
        }
    }

    private static Path bubblewrap(SandboxProbe probe) {
        return probe.bubblewrap().map(Bubblewrap::executable).orElse(Path.of("bwrap"));
    }

    /** A launch that started but did not end well, with its output. */
    private static final class LaunchFailure extends IOException {
        private final transient String output;

        LaunchFailure(String message, String output) {
            super(message);
            this.output = output;
        }
    }
}
