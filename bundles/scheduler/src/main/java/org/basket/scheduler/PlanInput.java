package org.basket.scheduler;

import java.time.Instant;
import java.util.Objects;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;

/**
 * Everything a plan is made from: the configuration (after the manager's own adjustments), the observed state,
 * the time (null: no fail count expires) and the options. The control loop and the what-if analyses share it,
 * so that an analysis answers what the loop would do.
 */
public record PlanInput(ClusterConfig config, ClusterState state, Instant now, SchedulerOptions options) {
    public PlanInput {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(options, "options");
    }

    /** With the library's defaults and no time. */
    public static PlanInput of(ClusterConfig config, ClusterState state) {
        return new PlanInput(config, state, null, SchedulerOptions.DEFAULT);
    }

    public PlanInput withState(ClusterState other) {
        return new PlanInput(config, other, now, options);
    }

    public PlanInput withConfig(ClusterConfig other) {
        return new PlanInput(other, state, now, options);
    }

    public Plan plan(Scheduler scheduler) {
        return scheduler.plan(config, state, now, options);
    }
}
