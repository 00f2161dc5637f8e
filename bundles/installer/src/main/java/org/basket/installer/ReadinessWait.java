package org.basket.installer;

import java.time.Duration;
import java.util.Objects;

/** Waits for the freshly installed agent, typically until it has enrolled and sent a heartbeat. */
public record ReadinessWait(ReadinessCheck check, Duration timeout, Duration pollInterval) {

    public ReadinessWait {
        Objects.requireNonNull(check, "check");
        requirePositive(timeout, "timeout");
        requirePositive(pollInterval, "pollInterval");
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
