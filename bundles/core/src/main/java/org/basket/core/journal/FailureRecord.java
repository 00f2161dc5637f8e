package org.basket.core.journal;

import java.time.Instant;
import java.util.Objects;

/** How often a resource failed on a host, and when it last did. */
public record FailureRecord(String resource, String host, int count, Instant lastFailure) {
    public FailureRecord {
        Fields.requireName("resource", resource);
        Fields.requireName("host", host);
        Objects.requireNonNull(lastFailure, "lastFailure");
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
    }
}
