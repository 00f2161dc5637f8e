package org.basket.core;

import java.time.Duration;

import org.basket.api.model.Operations;
import org.basket.api.plan.Action;

/** How long each kind of action may take before it is cancelled: the manager's defaults. */
record Timeouts(Duration start, Duration stop, Duration migrate, Duration fence) {
    /** The timeout of {@code action}, the resource's own where it has one. */
    Duration of(Action action, Operations own) {
        if (action instanceof Action.Start || action instanceof Action.Monitor) {
            return either(own.startTimeout(), start);
        }
        if (action instanceof Action.Stop) {
            return either(own.stopTimeout(), stop);
        }
        if (action instanceof Action.Migrate) {
            return either(own.migrateTimeout(), migrate);
        }
        return fence;
    }

    private static Duration either(Duration own, Duration fallback) {
        return own.isZero() ? fallback : own;
    }
}
