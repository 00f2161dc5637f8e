package org.basket.northbound.snmp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifications between the manager's event thread and the network: a bounded queue that one thread of its own
 * empties. When it is full a notification is dropped and counted, never waited for, so no receiver slows the manager.
 */
final class NotificationQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationQueue.class);

    private final BlockingQueue<Notice> queue;
    private final AtomicLong dropped;
    private final Thread thread;
    private volatile Consumer<Notice> sender;
    private volatile boolean full;

    NotificationQueue(int capacity, AtomicLong dropped, Consumer<Notice> sender) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.dropped = dropped;
        this.sender = sender;
        this.thread = new Thread(this::run, "basket-snmp-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues the notification, or drops and counts it when the queue is full; returns at once either way. */
    boolean offer(Notice notice) {
        if (queue.offer(notice)) {
            if (full) {
                full = false;
                LOG.info("SNMP: the notification queue accepts again; {} dropped in all", dropped.get());
            }
            return true;
        }
        dropped.incrementAndGet();
        if (!full) {
            full = true;
            LOG.warn("SNMP: the notification queue is full ({} waiting): notifications are dropped and counted"
                    + " until it drains", queue.size());
        }
        return false;
    }

    /** The next notifications go to {@code next}. */
    void sendTo(Consumer<Notice> next) {
        sender = next;
    }

    int waiting() {
        return queue.size();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Notice notice = queue.take();
                sender.accept(notice);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("SNMP: sending a notification failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
