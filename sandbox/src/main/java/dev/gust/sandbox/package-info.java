/**
 * Isolated instances: process sandboxes and their resource limits.
 *
 * <p>Entry points: {@link dev.gust.sandbox.SandboxProbe#detect()} once at startup, then
 * {@link dev.gust.sandbox.BubblewrapSandbox#create(SandboxProbe)} (or
 * {@link dev.gust.sandbox.UnsandboxedProcessLauncher} for {@code --sandbox=none}); each
 * {@link dev.gust.sandbox.Sandbox#launch(SandboxSpec)} returns a {@link dev.gust.sandbox.SandboxedProcess}. Design
 * and threat model: {@code docs/design/sandbox.md}.
 */
package dev.gust.sandbox;
