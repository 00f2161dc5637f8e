package org.basket.core;

import java.time.Duration;

import org.basket.driver.sim.Sleeper;

/**
 * The simulator's clock for the fault suite: no time passes, except that while the gate is closed
 * every hypervisor call made by an action thread waits at it, uninterruptibly, like an operation a
 * hypervisor finishes whatever happens to the manager that asked for it.
 */
final class ActionGate implements Sleeper {
    private boolean closed;
    private int waiting;

    @Override
    public synchronized void sleep(Duration duration) {
        if (!Thread.currentThread().getName().startsWith("basket-action")) {
            return;
        }
        boolean interrupted = false;
        waiting++;
        notifyAll();
        while (closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        waiting--;
        notifyAll();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void close() {
        closed = true;
    }

    synchronized void open() {
        closed = false;
        notifyAll();
    }

    /** Waits until a call waits at the gate or {@code thread} ends; returns how many calls wait. */
    synchronized int awaitCaller(Thread thread, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (waiting == 0 && thread.isAlive() && System.nanoTime() < deadline) {
            wait(1);
        }
        return waiting;
    }

    /** Waits until no call waits at the gate. */
    synchronized void awaitPassed(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (waiting > 0 && System.nanoTime() < deadline) {
            wait(1);
        }
    }
}
