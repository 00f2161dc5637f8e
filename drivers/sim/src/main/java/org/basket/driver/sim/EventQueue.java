package org.basket.driver.sim;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.basket.api.driver.DriverListener;

/**
 * Delivers events in the order they were posted, one at a time, without holding the datacenter's
 * lock: events are posted under the lock, then delivered by whichever calling thread gets here
 * first, so a listener may call back into the datacenter.
 */
final class EventQueue {
    private final List<DriverListener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<Consumer<DriverListener>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();

    void addListener(DriverListener listener) {
        listeners.add(listener);
    }

    void removeListener(DriverListener listener) {
        listeners.remove(listener);
    }

    void post(Consumer<DriverListener> event) {
        pending.add(event);
    }

    void deliver() {
        while (!pending.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                for (Consumer<DriverListener> event = pending.poll(); event != null; event = pending.poll()) {
                    for (DriverListener listener : listeners) {
                        notify(listener, event);
                    }
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    /** A failing listener must not keep the others from hearing the event. */
    private static void notify(DriverListener listener, Consumer<DriverListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
        }
    }
}
