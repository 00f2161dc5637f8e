package org.basket.driver.vmware.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import org.basket.api.driver.DriverException;

import com.vmware.vim25.LocalizedMethodFault;
import com.vmware.vim25.ManagedObjectReference;

/**
 * Follows a vSphere task through the inventory's updates (never vijava's sleeping waitForTask): returns when
 * it succeeded, throws with vCenter's message when it failed, cancels it when the waiting thread is interrupted.
 */
final class Tasks {
    private static final long LIVENESS_CHECK_MS = 1000;
    private static final long CANCEL_WAIT_MS = 10_000;

    private Tasks() {
    }

    interface Call {
        ManagedObjectReference start() throws IOException;
    }

    static void run(Sdk sdk, Inventory inventory, BooleanSupplier alive, String what, Call call, IntConsumer progress)
            throws DriverException {
        ManagedObjectReference task;
        try {
            task = call.start();
        } catch (IOException e) {
            throw new DriverException(what + ": " + Sdk.reason(e), e);
        }
        int reported = -1;
        try {
            while (true) {
                int last = reported;
                Optional<Inventory.Entry> seen = inventory.await(task.get_value(),
                        t -> finished(t) || progressOf(t) != last, LIVENESS_CHECK_MS);
                if (seen.isPresent() && finished(seen.get())) {
                    if ("error".equals(seen.get().text("info.state"))) {
                        throw new DriverException(what + ": " + errorOf(seen.get()));
                    }
                    return;
                }
                if (seen.isPresent() && progressOf(seen.get()) != reported) {
                    reported = progressOf(seen.get());
                    progress.accept(reported);
                }
                if (!alive.getAsBoolean()) {
                    throw new DriverException(what + ": the session ended before task " + task.get_value() + " did; it may still run");
                }
            }
        } catch (InterruptedException e) {
            String outcome = cancel(sdk, inventory, task);
            Thread.currentThread().interrupt();
            throw new DriverException(what + ": interrupted; " + outcome);
        }
    }

    /** Cancels the task and waits a little for its end: how it ended, in words. */
    private static String cancel(Sdk sdk, Inventory inventory, ManagedObjectReference task) {
        try {
            sdk.port.cancelTask(task);
        } catch (IOException | RuntimeException e) {
            // a task that cannot be cancelled any more ends anyway
        }
        Optional<Inventory.Entry> end = Optional.empty();
        long deadline = System.nanoTime() + CANCEL_WAIT_MS * 1_000_000;
        while (System.nanoTime() < deadline && (end.isEmpty() || !finished(end.get()))) {
            try {
                end = inventory.await(task.get_value(), Tasks::finished, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException again) {
                // the caller is told of the first interrupt; this wait is bounded
            }
        }
        if (end.isEmpty() || !finished(end.get())) {
            return "task " + task.get_value() + " cancel requested, still running after " + CANCEL_WAIT_MS + " ms";
        }
        return "success".equals(end.get().text("info.state")) ? "too late: task " + task.get_value() + " completed"
                : "task " + task.get_value() + " cancelled";
    }

    private static boolean finished(Inventory.Entry task) {
        String state = task.text("info.state");
        return "success".equals(state) || "error".equals(state);
    }

    private static int progressOf(Inventory.Entry task) {
        Object progress = task.get("info.progress");
        return progress instanceof Number number ? number.intValue() : -1;
    }

    private static String errorOf(Inventory.Entry task) {
        Object error = task.get("info.error");
        if (error instanceof LocalizedMethodFault fault) {
            String message = fault.getLocalizedMessage();
            String kind = fault.getFault() == null ? "" : fault.getFault().getClass().getSimpleName();
            return message == null || message.isBlank() ? kind : message + (kind.isEmpty() ? "" : " (" + kind + ")");
        }
        return "failed";
    }
}
