package org.basket.api.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The fencing and operation history that matched a request, oldest first.
 *
 * @param source  where it was read: this manager's journal, or what the leader shared (on a manager that does not lead)
 * @param entries the newest matching entries, at most the limit asked, oldest first
 * @param omitted how many older entries matched too but were left out by the limit
 */
public record History(String source, List<Entry> entries, int omitted) {
    /** The most entries one request may ask for. */
    public static final int MAX_LIMIT = 1000;

    public History {
        Objects.requireNonNull(source, "source");
        entries = List.copyOf(entries);
        if (omitted < 0) {
            throw new IllegalArgumentException("omitted must not be negative: " + omitted);
        }
    }

    public enum Kind {
        /** A fencing of a host, by the operator or by Basket. */
        FENCE,
        /** An action Basket ran: start, stop, migrate, monitor, fence. */
        OPERATION
    }

    /** How it ended. */
    public enum Outcome {
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        CANCELLED,
        /** Not run: an action it waited for failed. */
        SKIPPED
    }

    /**
     * One fencing or operation.
     *
     * @param kind     a fencing or an operation
     * @param time     when the operation started, or when the fencing ended
     * @param host     the host fenced, or the host the operation ran on (empty if none)
     * @param resource the resource the operation was about (empty for a fencing or a fence action)
     * @param action   the action as the scheduler wrote it ({@code start db on node1}; {@code fence node2} for a fencing)
     * @param device   the fence device that confirmed power off, {@code every level} for a fencing that failed; empty for
     *                 an operation
     * @param outcome  how it ended
     * @param duration how long the operation ran ({@link Duration#ZERO} for a fencing)
     * @param detail   why it failed, or empty
     */
    public record Entry(Kind kind, Instant time, String host, String resource, String action, String device,
                        Outcome outcome, Duration duration, String detail) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(outcome, "outcome");
            host = host == null ? "" : host;
            resource = resource == null ? "" : resource;
            action = action == null ? "" : action;
            device = device == null ? "" : device;
            duration = duration == null ? Duration.ZERO : duration;
            detail = detail == null ? "" : detail;
        }
    }
}
