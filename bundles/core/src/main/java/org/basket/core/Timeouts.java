package org.basket.core;

import java.time.Duration;

import org.basket.api.plan.Action;

/** How long each kind of action may take before it is cancelled. */
record Timeouts(Duration start, Duration stop, Duration migrate, Duration fence) {
    Duration of(Action action) {
        if (action instanceof Action.Start || action instanceof Action.Monitor) {
            return start;
        }
        if (action instanceof Action.Stop) {
            return stop;
        }
        if (action instanceof Action.Migrate) {
            return migrate;
        }
        return fence;
    }
}
