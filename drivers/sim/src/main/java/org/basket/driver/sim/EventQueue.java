package org.basket.driver.sim;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.basket.api.driver.DriverListener;

/**
 * Delivers events in the order they were posted, one at a time, without holding the datacenter's
 * lock: events are posted under the lock, then delivered by whichever calling thread gets here
 * first, so a listener may call back into the datacenter.
 */
final class EventQueue {

    private record Subscriber(DriverListener listener, Predicate<String> hosts) {
    }

    private record Event(String host, Consumer<DriverListener> delivery) {
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Queue<Event> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();

    ListenerRegistration subscribe(DriverListener listener, Predicate<String> hosts) {
        Subscriber subscriber = new Subscriber(listener, hosts);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    void post(String host, Consumer<DriverListener> delivery) {
        pending.add(new Event(host, delivery));
    }

    void deliver() {
        while (!pending.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                for (Event event = pending.poll(); event != null; event = pending.poll()) {
                    for (Subscriber subscriber : subscribers) {
                        if (subscriber.hosts.test(event.host)) {
                            notify(subscriber.listener, event.delivery);
                        }
                    }
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    /** A failing listener must not keep the others from hearing the event. */
    private static void notify(DriverListener listener, Consumer<DriverListener> delivery) {
        try {
            delivery.accept(listener);
        } catch (RuntimeException e) {
            Thread thread = Thread.currentThread();
            thread.getUncaughtExceptionHandler().uncaughtException(thread, e);
        }
    }
}
