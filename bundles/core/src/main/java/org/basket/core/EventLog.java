package org.basket.core;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEvent.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The recent events, bounded, each also written to the log. */
public final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.basket.events");

    private final Deque<ClusterEvent> events = new ArrayDeque<>();
    private final int capacity;
    private final Clock clock;
    private long sequence;

    public EventLog(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    public void info(String message) {
        add(Severity.INFO, message);
    }

    public void warn(String message) {
        add(Severity.WARNING, message);
    }

    public void error(String message) {
        add(Severity.ERROR, message);
    }

    public synchronized void add(Severity severity, String message) {
        switch (severity) {
            case ERROR:
                LOG.error(message);
                break;
            case WARNING:
                LOG.warn(message);
                break;
            default:
                LOG.info(message);
        }
        events.addLast(new ClusterEvent(++sequence, clock.instant(), severity, message));
        while (events.size() > capacity) {
            events.removeFirst();
        }
    }

    /** The last {@code max} events, oldest first. */
    public synchronized List<ClusterEvent> recent(int max) {
        List<ClusterEvent> all = new ArrayList<>(events);
        return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
    }
}
