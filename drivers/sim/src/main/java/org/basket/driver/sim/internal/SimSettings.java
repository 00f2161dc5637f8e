package org.basket.driver.sim.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.model.Capacity;

/**
 * A simulator endpoint's configuration ({@link SimConfig}), read.
 *
 * @param latency        the latency of every call, if configured; the datacenter is shared by the
 *                       factory's endpoints, so it is datacenter-wide
 * @param migration      how long a simulated live migration transfers before switching over
 * @param hostCapacity   the capacity of hosts this endpoint attaches first, unless {@code hostCapacities} names them
 * @param hostCapacities a host's own capacity ({@code host.<name>.cpus}, {@code host.<name>.memory.mb}), by name
 * @param world          the address of a world process, if the endpoint uses one instead of the in-JVM datacenter
 */
record SimSettings(Optional<Duration> latency, Duration migration, Capacity hostCapacity,
                   Map<String, Capacity> hostCapacities, Optional<InetSocketAddress> world) {

    /** {@code host.<name>.cpus} or {@code host.<name>.memory.mb}: one host's own size. */
    private static final Pattern ONE_HOST = Pattern.compile(SimConfig.ONE_HOST);
    private static final Pattern HOST_PORT = Pattern.compile("([^:\\s]+):(\\d{1,5})");
    static final Duration DEFAULT_LATENCY = Duration.ofMillis(20);

    SimSettings {
        hostCapacities = Map.copyOf(hostCapacities);
    }

    /** The capacity the host gets when the simulator first sees it. */
    Capacity capacityOf(String host) {
        return hostCapacities.getOrDefault(host, hostCapacity);
    }

    /** Reads {@link SimConfig} strictly; a bad key is a DriverException naming the endpoint, every bad key and value. */
    static SimSettings parse(DriverConfig config) throws DriverException {
        try {
            return read(config.properties());
        } catch (ConfigException e) {
            throw new DriverException(e.describe("driver '" + config.name() + "'"));
        }
    }

    private static SimSettings read(Map<String, String> properties) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        SimConfig c = StrictConfig.read(SimConfig.class, properties, problems);
        long latency = problems.within("latency.ms", c.latency_ms(), -1, Long.MAX_VALUE);
        long migration = problems.within("migration.ms", c.migration_ms(), 0, Long.MAX_VALUE);
        long cpus = problems.within("host.cpus", c.host_cpus(), 1, Integer.MAX_VALUE);
        long memoryMb = problems.within("host.memory.mb", c.host_memory_mb(), 1, Long.MAX_VALUE);
        Map<String, Map<String, Long>> ownSizes = new TreeMap<>();
        new TreeMap<>(properties).forEach((key, value) -> {
            Matcher matcher = ONE_HOST.matcher(key);
            if (matcher.matches()) {
                ownSizes.computeIfAbsent(matcher.group(1), host -> new TreeMap<>()).put(matcher.group(2),
                        positive(problems, key, value));
            }
        });
        Optional<InetSocketAddress> world = world(problems, c.world());
        problems.throwIfAny();
        Capacity every = new Capacity((int) cpus, memoryMb);
        Map<String, Capacity> hostCapacities = new TreeMap<>();
        ownSizes.forEach((host, size) -> hostCapacities.put(host, new Capacity(
                size.getOrDefault("cpus", cpus).intValue(), size.getOrDefault("memory.mb", memoryMb))));
        return new SimSettings(latency < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(latency)),
                Duration.ofMillis(migration), every, hostCapacities, world);
    }

    private static Optional<InetSocketAddress> world(KeyProblems problems, String value) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        Matcher matcher = HOST_PORT.matcher(value.trim());
        if (matcher.matches()) {
            int port = Integer.parseInt(matcher.group(2));
            if (port >= 1 && port <= 65_535) {
                return Optional.of(InetSocketAddress.createUnresolved(matcher.group(1), port));
            }
        }
        problems.add("world", value, "not HOST:PORT");
        return Optional.empty();
    }

    private static long positive(KeyProblems problems, String key, String value) {
        try {
            return problems.within(key, Long.parseLong(value.trim()), 1, key.endsWith("cpus") ? Integer.MAX_VALUE : Long.MAX_VALUE);
        } catch (NumberFormatException e) {
            problems.add(key, value, "not a whole number");
            return 1;
        }
    }
}
