package org.basket.scheduler;

import java.util.Objects;

/**
 * How the scheduler plans, beyond the configuration.
 *
 * @param stickiness              preference for the host a resource runs on, so that running resources stay put
 * @param strategy                which of equally scored hosts takes a resource
 * @param migrationLimitPerHost   live migrations one plan may start from or to one host; {@link #UNLIMITED}: no limit
 * @param migrationLimitInCluster live migrations in one plan; {@link #UNLIMITED}: no limit
 */
public record SchedulerOptions(int stickiness, PlacementStrategy strategy, int migrationLimitPerHost,
                               int migrationLimitInCluster) {
    public static final int UNLIMITED = 0;
    /** Balanced placement, default stickiness, migrations unlimited: the library's behaviour when not told more. */
    public static final SchedulerOptions DEFAULT = of(Scheduler.DEFAULT_STICKINESS);

    public SchedulerOptions {
        Objects.requireNonNull(strategy, "strategy");
        if (migrationLimitPerHost < 0 || migrationLimitInCluster < 0) {
            throw new IllegalArgumentException("migration limits must not be negative (0: unlimited): "
                    + migrationLimitPerHost + " per host, " + migrationLimitInCluster + " in the cluster");
        }
    }

    /** Balanced placement with the given stickiness, migrations unlimited. */
    public static SchedulerOptions of(int stickiness) {
        return new SchedulerOptions(stickiness, PlacementStrategy.BALANCED, UNLIMITED, UNLIMITED);
    }

    public boolean limitsMigrations() {
        return migrationLimitPerHost != UNLIMITED || migrationLimitInCluster != UNLIMITED;
    }
}
