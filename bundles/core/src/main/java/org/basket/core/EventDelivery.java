package org.basket.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every event to the listeners, in order, on a thread of its own: the loop and the action threads never
 * wait for a listener. A listener slower than the event history holds misses the oldest events; that is logged
 * with the count. A listener that throws is logged and keeps listening.
 */
final class EventDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private final EventLog events;
    private final List<ClusterEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Semaphore added = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private long delivered;

    EventDelivery(EventLog events) {
        this.events = events;
    }

    void add(ClusterEventListener listener) {
        listeners.add(listener);
    }

    void remove(ClusterEventListener listener) {
        listeners.remove(listener);
    }

    /** Delivers from the event after {@code after} on. */
    synchronized void start(long after) {
        delivered = after;
        running = true;
        events.onAdded(() -> added.release());
        thread = new Thread(this::run, "basket-event-delivery");
        thread.setDaemon(true);
        thread.start();
        added.release();
    }

    void stop() {
        running = false;
        events.onAdded(() -> { });
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                added.acquire();
                added.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
            deliverNew();
        }
    }

    private void deliverNew() {
        List<ClusterEvent> news = events.after(delivered);
        if (news.isEmpty()) {
            return;
        }
        long missed = news.get(0).sequence() - delivered - 1;
        if (missed > 0 && delivered > 0) {
            LOG.warn("event listeners missed {} event(s) while they were slow", missed);
        }
        for (ClusterEvent event : news) {
            for (ClusterEventListener listener : listeners) {
                try {
                    listener.event(event);
                } catch (RuntimeException e) {
                    LOG.warn("event listener {} failed on event {}: {}", listener, event.sequence(), e.toString());
                }
            }
            delivered = event.sequence();
        }
    }
}
