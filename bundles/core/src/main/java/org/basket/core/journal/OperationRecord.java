package org.basket.core.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One action the manager ran.
 *
 * @param action the action as text, e.g. {@code start vm1 on h1}
 * @param host the host it ran on (empty if none)
 * @param started when it started
 * @param duration how long it ran
 * @param result how it ended
 * @param message the failure reason or a note (empty if none)
 */
public record OperationRecord(String action, String host, Instant started, Duration duration, Outcome result,
                              String message) {
    public OperationRecord {
        Fields.requireName("action", action);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(message, "message");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
    }
}
