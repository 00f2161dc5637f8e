package org.basket.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEvent.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent events, bounded, each also written to the log. A warning or error that repeats word for word
 * within {@link #COALESCE} of its last entry is counted instead of added, and the count becomes one entry
 * once that time has passed, so that one condition that persists cannot push the history out.
 */
public final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.basket.events");
    static final Duration COALESCE = Duration.ofSeconds(60);
    private static final int TRACKED = 256;

    /** The last entry of a message, and how often it came again since, until when. */
    private record Repeat(Instant entered, int again, Instant last) {
    }

    private final Deque<ClusterEvent> events = new ArrayDeque<>();
    private final Map<String, Repeat> repeats = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Repeat> eldest) {
            return size() > TRACKED;
        }
    };
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
        Instant now = clock.instant();
        countsDue(now);
        if (severity == Severity.INFO) {
            append(severity, message, now);
            return;
        }
        String key = severity + " " + message;
        Repeat repeat = repeats.get(key);
        if (repeat != null && now.isBefore(repeat.entered().plus(COALESCE))) {
            repeats.put(key, new Repeat(repeat.entered(), repeat.again() + 1, now));
            return;
        }
        append(severity, message, now);
        repeats.put(key, new Repeat(now, 0, now));
    }

    /** Enters the counts of the messages whose time to coalesce has passed. */
    private void countsDue(Instant now) {
        for (Map.Entry<String, Repeat> entry : repeats.entrySet()) {
            Repeat repeat = entry.getValue();
            if (repeat.again() > 0 && !now.isBefore(repeat.entered().plus(COALESCE))) {
                String key = entry.getKey();
                Severity severity = Severity.valueOf(key.substring(0, key.indexOf(' ')));
                append(severity, key.substring(key.indexOf(' ') + 1) + " (again " + repeat.again()
                        + " time(s) until " + repeat.last() + ")", now);
                entry.setValue(new Repeat(repeat.entered(), 0, repeat.last()));
            }
        }
    }

    private void append(Severity severity, String message, Instant now) {
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
        events.addLast(new ClusterEvent(++sequence, now, severity, message));
        while (events.size() > capacity) {
            events.removeFirst();
        }
    }

    /** The last {@code max} events, oldest first. */
    public synchronized List<ClusterEvent> recent(int max) {
        countsDue(clock.instant());
        List<ClusterEvent> all = new ArrayList<>(events);
        return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
    }
}
