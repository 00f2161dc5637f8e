package org.basket.api.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the event log.
 *
 * @param sequence increases with every event and across restarts of the manager
 * @param kind     what it is about
 * @param host     the host it is about, or ""
 * @param resource the resource it is about, or ""
 * @param action   the action it is about (as {@code Action.toString()}), or ""
 * @param duration how long what it reports took, if it says
 * @param message  the readable text
 */
public record ClusterEvent(long sequence, Instant time, Severity severity, EventKind kind, String host,
                           String resource, String action, Optional<Duration> duration, String message) {
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
