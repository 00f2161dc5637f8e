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
import java.util.Optional;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEvent.Severity;
import org.basket.api.cluster.EventKind;
import org.basket.api.plan.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent events, bounded, each also written to the log. Each has a kind and names what it is about. A
 * warning or error that repeats word for word within {@link #COALESCE} of its last entry is counted instead of
 * added, and the count becomes one entry once that time has passed, so that one condition that persists cannot
 * push the history out. Sequence numbers continue where the journal says ({@link #continueFrom}), so that they
 * increase across restarts.
 */
public final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.basket.events");
    static final Duration COALESCE = Duration.ofSeconds(60);
    private static final int TRACKED = 256;

    /** The last entry of an event, and how often it came again since, until when. */
    private record Repeat(ClusterEvent entered, int again, Instant last) {
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
    private Runnable added = () -> { };

    public EventLog(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** An event of the given kind, to name its subjects and then enter with its severity. */
    public Entry entry(EventKind kind, String message) {
        return new Entry(kind, message);
    }

    public void info(String message) {
        entry(EventKind.OTHER, message).info();
    }

    public void warn(String message) {
        entry(EventKind.OTHER, message).warn();
    }

    public void error(String message) {
        entry(EventKind.OTHER, message).error();
    }

    /** An event being described. */
    public final class Entry {
        private final EventKind kind;
        private final String message;
        private String host = "";
        private String resource = "";
        private String action = "";
        private Duration duration;

        private Entry(EventKind kind, String message) {
            this.kind = kind;
            this.message = message;
        }

        public Entry host(String value) {
            host = value;
            return this;
        }

        public Entry resource(String value) {
            resource = value;
            return this;
        }

        /** The action, its host and its resource. */
        public Entry action(Action value) {
            action = value.toString();
            host = value.host();
            resource = value.resource().orElse("");
            return this;
        }

        public Entry took(Duration value) {
            duration = value;
            return this;
        }

        public void info() {
            add(this, Severity.INFO);
        }

        public void warn() {
            add(this, Severity.WARNING);
        }

        public void error() {
            add(this, Severity.ERROR);
        }
    }

    /** Tells {@code runnable} after each new event, on the caller's thread: it must only signal. */
    public synchronized void onAdded(Runnable runnable) {
        added = runnable;
    }

    /** Numbers the events so far, and those to come, from {@code first} on. */
    public synchronized void continueFrom(long first) {
        List<ClusterEvent> renumbered = new ArrayList<>(events.size());
        long next = first;
        for (ClusterEvent e : events) {
            renumbered.add(numbered(e, next++));
        }
        events.clear();
        events.addAll(renumbered);
        repeats.clear();
        sequence = next - 1;
    }

    /** The sequence number of the last event, 0 before the first. */
    public synchronized long lastSequence() {
        return sequence;
    }

    private void add(Entry entry, Severity severity) {
        Runnable tell;
        synchronized (this) {
            Instant now = clock.instant();
            countsDue(now);
            ClusterEvent event = new ClusterEvent(0, now, severity, entry.kind, entry.host, entry.resource,
                    entry.action, Optional.ofNullable(entry.duration), entry.message);
            if (severity == Severity.INFO) {
                append(event);
            } else {
                String key = severity + " " + entry.message;
                Repeat repeat = repeats.get(key);
                if (repeat != null && now.isBefore(repeat.entered().time().plus(COALESCE))) {
                    repeats.put(key, new Repeat(repeat.entered(), repeat.again() + 1, now));
                    return;
                }
                repeats.put(key, new Repeat(append(event), 0, now));
            }
            tell = added;
        }
        tell.run();
    }

    /** Enters the counts of the events whose time to coalesce has passed. */
    private void countsDue(Instant now) {
        for (Map.Entry<String, Repeat> entry : repeats.entrySet()) {
            Repeat repeat = entry.getValue();
            if (repeat.again() > 0 && !now.isBefore(repeat.entered().time().plus(COALESCE))) {
                ClusterEvent first = repeat.entered();
                append(new ClusterEvent(0, now, first.severity(), first.kind(), first.host(), first.resource(),
                        first.action(), first.duration(), first.message() + " (again " + repeat.again()
                        + " time(s) until " + repeat.last() + ")"));
                entry.setValue(new Repeat(first, 0, repeat.last()));
            }
        }
    }

    private ClusterEvent append(ClusterEvent event) {
        switch (event.severity()) {
            case ERROR:
                LOG.error(event.message());
                break;
            case WARNING:
                LOG.warn(event.message());
                break;
            default:
                LOG.info(event.message());
        }
        ClusterEvent numbered = numbered(event, ++sequence);
        events.addLast(numbered);
        while (events.size() > capacity) {
            events.removeFirst();
        }
        return numbered;
    }

    private static ClusterEvent numbered(ClusterEvent e, long sequence) {
        return new ClusterEvent(sequence, e.time(), e.severity(), e.kind(), e.host(), e.resource(), e.action(),
                e.duration(), e.message());
    }

    /** The last {@code max} events, oldest first. */
    public synchronized List<ClusterEvent> recent(int max) {
        countsDue(clock.instant());
        List<ClusterEvent> all = new ArrayList<>(events);
        return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
    }

    /** The events after {@code sequence} that are still held, oldest first. */
    public synchronized List<ClusterEvent> after(long sequence) {
        return events.stream().filter(e -> e.sequence() > sequence).toList();
    }
}
