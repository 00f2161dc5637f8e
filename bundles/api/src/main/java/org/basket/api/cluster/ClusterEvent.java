package org.basket.api.cluster;

import java.time.Instant;
import java.util.Objects;

/** One entry of the event log. */
public record ClusterEvent(long sequence, Instant time, Severity severity, String message) {
    public enum Severity {
        INFO,
        WARNING,
        ERROR
    }

    public ClusterEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return time + " " + severity + " " + message;
    }
}
