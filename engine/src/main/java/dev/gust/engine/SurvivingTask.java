package dev.gust.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A periodic task that survives its own failures: {@code scheduleWithFixedDelay} cancels a task for good the first
 * time it throws, so this wrapper logs the failure and returns, and the next run happens on schedule. Thread-safe
 * if the task is.
 */
final class SurvivingTask implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SurvivingTask.class);

    private final String name;
    private final Runnable task;

    SurvivingTask(String name, Runnable task) {
        this.name = name;
        this.task = task;
    }

    @Override
    public void run() {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.warn("{} failed; it runs again at its next period", name, e);
        }
    }
}
