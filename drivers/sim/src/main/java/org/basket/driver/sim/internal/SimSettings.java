package org.basket.driver.sim.internal;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.model.Capacity;

/**
 * The keys of a simulator endpoint's configuration, parsed.
 *
 * @param latency        the latency of every call, if configured; the datacenter is shared by the
 *                       factory's endpoints, so it is datacenter-wide
 * @param migration      how long a simulated live migration transfers before switching over
 * @param hostCapacity   the capacity of hosts this endpoint attaches first, unless {@code hostCapacities} names them
 * @param hostCapacities a host's own capacity ({@code host.<name>.cpus}, {@code host.<name>.memory.mb}), by name
 */
record SimSettings(Optional<Duration> latency, Duration migration, Capacity hostCapacity,
                   Map<String, Capacity> hostCapacities) {

    static final String LATENCY_MS = "latency.ms";
    static final String MIGRATION_MS = "migration.ms";
    static final String HOST_CPUS = "host.cpus";
    static final String HOST_MEMORY_MB = "host.memory.mb";
    static final Set<String> KEYS = Set.of(LATENCY_MS, MIGRATION_MS, HOST_CPUS, HOST_MEMORY_MB);
    /** {@code host.<name>.cpus} or {@code host.<name>.memory.mb}: one host's own size. */
    private static final Pattern ONE_HOST = Pattern.compile("host\\.(.+)\\.(cpus|memory\\.mb)");

    static final Duration DEFAULT_LATENCY = Duration.ofMillis(20);
    static final long DEFAULT_MIGRATION_MS = 300;
    static final long DEFAULT_HOST_CPUS = 16;
    static final long DEFAULT_HOST_MEMORY_MB = 65_536;

    SimSettings {
        hostCapacities = Map.copyOf(hostCapacities);
    }

    /** The capacity the host gets when the simulator first sees it. */
    Capacity capacityOf(String host) {
        return hostCapacities.getOrDefault(host, hostCapacity);
    }

    static SimSettings parse(DriverConfig config) throws DriverException {
        Set<String> known = new HashSet<>(KEYS);
        Set<String> hosts = new TreeSet<>();
        for (String key : config.properties().keySet()) {
            Matcher matcher = ONE_HOST.matcher(key);
            if (matcher.matches()) {
                known.add(key);
                hosts.add(matcher.group(1));
            }
        }
        config.requireKnownKeys(known);
        Optional<Duration> latency = config.get(LATENCY_MS, "").isBlank()
                ? Optional.empty()
                : Optional.of(Duration.ofMillis(bounded(config, LATENCY_MS, 0, 0, Long.MAX_VALUE)));
        Duration migration = Duration.ofMillis(bounded(config, MIGRATION_MS, DEFAULT_MIGRATION_MS, 0, Long.MAX_VALUE));
        Capacity hostCapacity = capacity(config, HOST_CPUS, HOST_MEMORY_MB, DEFAULT_HOST_CPUS, DEFAULT_HOST_MEMORY_MB);
        Map<String, Capacity> hostCapacities = new TreeMap<>();
        for (String host : hosts) {
            hostCapacities.put(host, capacity(config, "host." + host + ".cpus", "host." + host + ".memory.mb",
                    hostCapacity.cpus(), hostCapacity.memoryMb()));
        }
        return new SimSettings(latency, migration, hostCapacity, hostCapacities);
    }

    private static Capacity capacity(DriverConfig config, String cpusKey, String memoryKey, long cpus, long memoryMb)
            throws DriverException {
        return new Capacity((int) bounded(config, cpusKey, cpus, 1, Integer.MAX_VALUE),
                bounded(config, memoryKey, memoryMb, 1, Long.MAX_VALUE));
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
