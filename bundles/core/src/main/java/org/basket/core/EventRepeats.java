package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEvent.Severity;
import org.basket.api.cluster.EventKind;

/**
 * Bounds the warnings and errors that come again word for word (same severity, kind, subjects and message): one
 * that comes within {@link #WINDOW} of its last entry is counted, not entered, and once that window is over the
 * count is one event of its own ({@link ClusterEvent#repeats()}). At most {@link #TRACKED} windows are open at
 * once; the count of the oldest is due at once when a new one needs its place.
 */
final class EventRepeats {
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final int TRACKED = 256;

    private record Key(Severity severity, EventKind kind, String host, String resource, String action,
                       String message) {
        static Key of(ClusterEvent e) {
            return new Key(e.severity(), e.kind(), e.host(), e.resource(), e.action(), e.message());
        }
    }

    /** The last entry of an event, and how often it came again since, the last time when. */
    private record Window(ClusterEvent entered, int again, Instant last) {
        boolean isOver(Instant now) {
            return !now.isBefore(entered.time().plus(WINDOW));
        }

        ClusterEvent count(Instant now) {
            ClusterEvent e = entered;
            return new ClusterEvent(0, now, e.severity(), e.kind(), e.host(), e.resource(), e.action(), e.duration(),
                    e.message() + " (again " + again + " time(s) until " + last + ")", again);
        }
    }

    private final Map<Key, Window> open = new LinkedHashMap<>();

    /** Whether the event comes again within the window of its last entry: then it is counted instead of entered. */
    boolean counted(ClusterEvent event) {
        Key key = Key.of(event);
        Window window = open.get(key);
        if (window == null || window.isOver(event.time())) {
            return false;
        }
        open.put(key, new Window(window.entered(), window.again() + 1, event.time()));
        return true;
    }

    /**
     * Opens the window of a warning or error just entered (not counted); returns the count of the oldest window if
     * it had to close early to make room.
     */
    Optional<ClusterEvent> entered(ClusterEvent event) {
        if (event.severity() == Severity.INFO) {
            return Optional.empty();
        }
        Optional<ClusterEvent> early = Optional.empty();
        if (open.size() >= TRACKED) {
            Iterator<Window> oldest = open.values().iterator();
            Window closed = oldest.next();
            oldest.remove();
            early = closed.again() > 0 ? Optional.of(closed.count(event.time())) : Optional.empty();
        }
        open.remove(Key.of(event));
        open.put(Key.of(event), new Window(event, 0, event.time()));
        return early;
    }

    /** Closes the windows that are over at {@code now}; returns the counts to enter, oldest window first. */
    List<ClusterEvent> due(Instant now) {
        List<ClusterEvent> counts = new ArrayList<>();
        for (Iterator<Window> windows = open.values().iterator(); windows.hasNext(); ) {
            Window window = windows.next();
            if (window.isOver(now)) {
                windows.remove();
                if (window.again() > 0) {
                    counts.add(window.count(now));
                }
            }
        }
        return counts;
    }
}
