package org.basket.core.config;

import org.basket.api.config.ConfigException;
import org.basket.api.model.Score;
import org.basket.scheduler.PlacementStrategy;
import org.basket.scheduler.SchedulerOptions;

/** The scheduler's options from the manager's configuration. */
public final class SchedulerSettings {
    private SchedulerSettings() {
    }

    /** The options, or a {@link ConfigException} naming the key with a bad value. */
    public static SchedulerOptions read(ManagerConfig config) throws ConfigException {
        PlacementStrategy strategy;
        try {
            strategy = PlacementStrategy.parse(config.placement_strategy());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("placement.strategy", e.getMessage());
        }
        if (config.resource_stickiness() < 0 || config.resource_stickiness() > Score.INFINITY) {
            throw new ConfigException("resource.stickiness", "must be from 0 to " + Score.INFINITY + " (INFINITY): "
                    + config.resource_stickiness());
        }
        if (config.migration_limit_host() < 0) {
            throw new ConfigException("migration.limit.host", "must not be negative (0: no limit): "
                    + config.migration_limit_host());
        }
        if (config.migration_limit_cluster() < 0) {
            throw new ConfigException("migration.limit.cluster", "must not be negative (0: no limit): "
                    + config.migration_limit_cluster());
        }
        return new SchedulerOptions(config.resource_stickiness(), strategy, config.migration_limit_host(),
                config.migration_limit_cluster());
    }

    /** The options of a configuration that {@link #read} accepted. */
    public static SchedulerOptions of(ManagerConfig config) {
        try {
            return read(config);
        } catch (ConfigException e) {
            throw new IllegalStateException("the manager's configuration was not checked: " + e.getMessage(), e);
        }
    }
}
