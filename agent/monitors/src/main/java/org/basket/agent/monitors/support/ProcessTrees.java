package org.basket.agent.monitors.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Ends processes together with their descendants. */
public final class ProcessTrees {

    private static final Duration REAP_WAIT = Duration.ofSeconds(5);

    private ProcessTrees() {
    }

    /** SIGKILL to the process and every descendant, then waits briefly for the process to be gone. */
    public static void kill(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process, REAP_WAIT);
    }

    /** True when the process ended within the wait. */
    public static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
