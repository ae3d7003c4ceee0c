package dev.gust.engine;

/**
 * An invocation never reached its instance because the instance's process had died while it was idle; the pool
 * runs the invocation on another instance, and the caller never sees this.
 */
final class InstanceLost extends RuntimeException {

    InstanceLost() {
        super("the instance's process exited before the invocation was delivered", null, false, false);
    }
}
