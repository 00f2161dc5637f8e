package org.basket.api.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How Basket runs one resource's operations. A zero timeout means the manager's default
 * ({@code org.basket.manager.cfg}); a zero monitor interval means no monitor of its own (the host's
 * poll watches it).
 *
 * @param startTimeout    how long a start may take
 * @param stopTimeout     how long a stop may take, graceful part and forced part together
 * @param migrateTimeout  how long a live migration may take
 * @param monitorInterval how often the resource's own state is checked
 * @param monitorTimeout  how long one check may take before it counts as a failure
 */
public record Operations(Duration startTimeout, Duration stopTimeout, Duration migrateTimeout,
                         Duration monitorInterval, Duration monitorTimeout) {
    public static final Operations DEFAULTS = new Operations(Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, Duration.ZERO);

    public Operations {
        for (Duration d : new Duration[] {startTimeout, stopTimeout, migrateTimeout, monitorInterval, monitorTimeout}) {
            Objects.requireNonNull(d, "duration");
            if (d.isNegative()) {
                throw new IllegalArgumentException("operation durations must not be negative: " + d);
            }
        }
    }

    public boolean isMonitored() {
        return !monitorInterval.isZero();
    }
}
