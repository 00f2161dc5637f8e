package org.basket.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEvent.Severity;
import org.basket.api.cluster.EventKind;
import org.basket.api.plan.Action;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent events, bounded, each also written to the log. Each has a kind and names what it is about. A
 * warning or error that comes again word for word within a minute of its last entry is counted instead of
 * added, and the count becomes one event of its own once that minute has passed ({@link EventRepeats}), so that
 * one condition that persists cannot push the history out, and listeners still hear how often it came. The
 * counts due are entered before the next event, at every read and at every observation of the loop
 * ({@link #enterCountsDue}). Sequence numbers continue where the journal says ({@link #continueFrom}), so that
 * they increase across restarts.
 */
public final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.basket.events");

    private final Deque<ClusterEvent> events = new ArrayDeque<>();
    private final EventRepeats repeats = new EventRepeats();
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
        sequence = next - 1;
    }

    /** Numbers the events to come from {@code first} on, if that is later than the next number: ids only increase. */
    public synchronized void skipTo(long first) {
        sequence = Math.max(sequence, first - 1);
    }

    /** The sequence number of the last event, 0 before the first. */
    public synchronized long lastSequence() {
        return sequence;
    }

    private void add(Entry entry, Severity severity) {
        Runnable tell;
        synchronized (this) {
            Instant now = clock.instant();
            boolean counts = countsDue(now);
            ClusterEvent event = new ClusterEvent(0, now, severity, entry.kind, entry.host, entry.resource,
                    entry.action, Optional.ofNullable(entry.duration), entry.message);
            if (repeats.counted(event)) {
                if (!counts) {
                    return;
                }
            } else {
                repeats.entered(append(event)).ifPresent(this::append);
            }
            tell = added;
        }
        tell.run();
    }

    /**
     * Enters the counts of the repeated events whose minute is over, and tells of them: also when nothing else
     * happens, the count of a repeated event is heard within an observation of the end of its minute.
     */
    public void enterCountsDue() {
        Runnable tell;
        synchronized (this) {
            if (!countsDue(clock.instant())) {
                return;
            }
            tell = added;
        }
        tell.run();
    }

    /** Enters the counts due at {@code now}; whether there were any. */
    private boolean countsDue(Instant now) {
        List<ClusterEvent> counts = repeats.due(now);
        counts.forEach(this::append);
        return !counts.isEmpty();
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
                e.duration(), e.message(), e.repeats());
    }

    /** The last {@code max} events, oldest first. */
    public List<ClusterEvent> recent(int max) {
        enterCountsDue();
        synchronized (this) {
            List<ClusterEvent> all = new ArrayList<>(events);
            return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
        }
    }

    /** The events after {@code sequence} that are still held, oldest first. */
    public List<ClusterEvent> after(long sequence) {
        enterCountsDue();
        synchronized (this) {
            return events.stream().filter(e -> e.sequence() > sequence).toList();
        }
    }
}
