package org.basket.driver.sim.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.model.Capacity;

/**
 * The keys of a simulator endpoint's configuration, parsed.
 *
 * @param latency      the latency of every call, if configured; the datacenter is shared by the
 *                     factory's endpoints, so it is datacenter-wide
 * @param migration    how long a simulated live migration transfers before switching over
 * @param hostCapacity the capacity of hosts this endpoint attaches first
 */
record SimSettings(Optional<Duration> latency, Duration migration, Capacity hostCapacity) {

    static final String LATENCY_MS = "latency.ms";
    static final String MIGRATION_MS = "migration.ms";
    static final String HOST_CPUS = "host.cpus";
    static final String HOST_MEMORY_MB = "host.memory.mb";
    static final Set<String> KEYS = Set.of(LATENCY_MS, MIGRATION_MS, HOST_CPUS, HOST_MEMORY_MB);

    static final Duration DEFAULT_LATENCY = Duration.ofMillis(20);
    static final long DEFAULT_MIGRATION_MS = 300;
    static final long DEFAULT_HOST_CPUS = 16;
    static final long DEFAULT_HOST_MEMORY_MB = 65_536;

    static SimSettings parse(DriverConfig config) throws DriverException {
        config.requireKnownKeys(KEYS);
        Optional<Duration> latency = config.get(LATENCY_MS, "").isBlank()
                ? Optional.empty()
                : Optional.of(Duration.ofMillis(bounded(config, LATENCY_MS, 0, 0, Long.MAX_VALUE)));
        Duration migration = Duration.ofMillis(bounded(config, MIGRATION_MS, DEFAULT_MIGRATION_MS, 0, Long.MAX_VALUE));
        Capacity hostCapacity = new Capacity(
                (int) bounded(config, HOST_CPUS, DEFAULT_HOST_CPUS, 1, Integer.MAX_VALUE),
                bounded(config, HOST_MEMORY_MB, DEFAULT_HOST_MEMORY_MB, 1, Long.MAX_VALUE));
        return new SimSettings(latency, migration, hostCapacity);
    }

    private static long bounded(DriverConfig config, String key, long defaultValue, long min, long max)
            throws DriverException {
        long value = config.getLong(key, defaultValue);
        if (value < min || value > max) {
            throw new DriverException("driver '" + config.name() + "': key '" + key + "': " + value
                    + " is out of range [" + min + ", " + max + "]");
        }
        return value;
    }
}
