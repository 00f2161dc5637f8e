package org.basket.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.basket.api.config.ConfigException;
import org.basket.api.config.StrictConfig;
import org.basket.scheduler.PlacementStrategy;
import org.basket.scheduler.Scheduler;
import org.basket.scheduler.SchedulerOptions;
import org.junit.jupiter.api.Test;

class SchedulerSettingsTest {

    @Test
    void defaultsAreBalancedWithTwoMigrationsPerHostAndEightInTheCluster() throws ConfigException {
        SchedulerOptions options = SchedulerSettings.read(StrictConfig.read(ManagerConfig.class, Map.of()));
        assertEquals(new SchedulerOptions(Scheduler.DEFAULT_STICKINESS, PlacementStrategy.BALANCED, 2, 8), options);
    }

    @Test
    void strategyAndLimitsAreRead() throws ConfigException {
        SchedulerOptions options = SchedulerSettings.read(StrictConfig.read(ManagerConfig.class,
                Map.of("placement.strategy", "first-fit", "migration.limit.host", "1", "migration.limit.cluster", "0")));
        assertEquals(PlacementStrategy.FIRST_FIT, options.strategy());
        assertEquals(1, options.migrationLimitPerHost());
        assertEquals(SchedulerOptions.UNLIMITED, options.migrationLimitInCluster());
    }

    @Test
    void stickinessIsRead() throws ConfigException {
        SchedulerOptions options = SchedulerSettings.read(StrictConfig.read(ManagerConfig.class,
                Map.of("resource.stickiness", "500")));
        assertEquals(500, options.stickiness());
    }

    @Test
    void stickinessOutOfRangeIsNamed() throws ConfigException {
        ManagerConfig config = StrictConfig.read(ManagerConfig.class, Map.of("resource.stickiness", "-1"));
        ConfigException e = assertThrows(ConfigException.class, () -> SchedulerSettings.read(config));
        assertEquals("resource.stickiness", e.key());
        assertEquals("must be from 0 to 1000000 (INFINITY): -1", e.getMessage());
    }

    @Test
    void unknownStrategyIsNamed() throws ConfigException {
        ManagerConfig config = StrictConfig.read(ManagerConfig.class, Map.of("placement.strategy", "dense"));
        ConfigException e = assertThrows(ConfigException.class, () -> SchedulerSettings.read(config));
        assertEquals("placement.strategy", e.key());
        assertEquals("not a placement strategy: 'dense' (balanced, minimal, first-fit)", e.getMessage());
    }

    @Test
    void negativeLimitIsNamed() throws ConfigException {
        ManagerConfig config = StrictConfig.read(ManagerConfig.class, Map.of("migration.limit.cluster", "-2"));
        ConfigException e = assertThrows(ConfigException.class, () -> SchedulerSettings.read(config));
        assertEquals("migration.limit.cluster", e.key());
    }
}
