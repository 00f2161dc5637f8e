package org.basket.core.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * One fencing of a host.
 *
 * @param host the host fenced
 * @param device the fence device's name
 * @param outcome {@link Outcome#SUCCEEDED} only when the device confirmed power off
 * @param time when the fence ended
 * @param detail why it failed, or empty
 */
public record FenceRecord(String host, String device, Outcome outcome, Instant time, String detail) {
    public FenceRecord {
        Fields.requireName("host", host);
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(detail, "detail");
    }
}
