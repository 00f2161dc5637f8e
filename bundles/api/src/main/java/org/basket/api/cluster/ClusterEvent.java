package org.basket.api.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the event log.
 * <p>
 * A warning or error that comes again word for word (same severity, kind, subjects and message) within a minute
 * of its last entry is not entered again: it is counted, and once that minute is over the count is entered as one
 * event of its own, with the same severity, kind, subjects and duration, {@link #repeats()} saying how often it
 * came again and the message ending in "(again N time(s) until TIME)". So a lasting condition gives at most two
 * events a minute, and nobody misses that it lasted. What Basket did (INFO) is never counted so.
 *
 * @param sequence increases with every event and across restarts of the manager
 * @param kind     what it is about
 * @param host     the host it is about, or ""
 * @param resource the resource it is about, or ""
 * @param action   the action it is about (as {@code Action.toString()}), or ""
 * @param duration how long what it reports took, if it says
 * @param message  the readable text
 * @param repeats  0 for an event as it happened; for the count of one that came again, how many times it did
 */
public record ClusterEvent(long sequence, Instant time, Severity severity, EventKind kind, String host,
                           String resource, String action, Optional<Duration> duration, String message, int repeats) {
    public enum Severity {
        INFO,
        WARNING,
        ERROR
    }

    public ClusterEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        host = host == null ? "" : host;
        resource = resource == null ? "" : resource;
        action = action == null ? "" : action;
        duration = duration == null ? Optional.empty() : duration;
        Objects.requireNonNull(message, "message");
        if (repeats < 0) {
            throw new IllegalArgumentException("repeats must be 0 or more: " + repeats);
        }
    }

    /** An event as it happened. */
    public ClusterEvent(long sequence, Instant time, Severity severity, EventKind kind, String host, String resource,
                        String action, Optional<Duration> duration, String message) {
        this(sequence, time, severity, kind, host, resource, action, duration, message, 0);
    }

    /** An event of no particular kind, about nothing named. */
    public ClusterEvent(long sequence, Instant time, Severity severity, String message) {
        this(sequence, time, severity, EventKind.OTHER, "", "", "", Optional.empty(), message);
    }

    @Override
    public String toString() {
        return time + " " + severity + " " + message;
    }
}
