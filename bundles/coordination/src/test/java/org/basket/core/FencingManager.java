package org.basket.core;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.coordination.Role;
import org.basket.coordination.BenchCoordination;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;

/**
 * One real {@link ClusterManager} of {@code org.basket.coordination.StopFailureFenceOnZooKeeperTest} in the test's JVM:
 * the ZooKeeper coordination and shared state, its sim driver (which fences through the world's BMCs) on a world served
 * on loopback, and the same definitions as every other manager of the test.
 */
public final class FencingManager implements AutoCloseable {
    private final ClusterManager manager = new ClusterManager();
    private final BenchCoordination coordination;
    private boolean running;

    public FencingManager(String id, String connect, String chroot) throws Exception {
        coordination = new BenchCoordination(Map.of("mode", "zookeeper", "manager.id", id, "zookeeper.connect", connect,
                "zookeeper.chroot", chroot, "session.timeout.ms", "2000", "lease.ms", "600"));
    }

    /**
     * Starts the manager on the world's {@code hosts} with these resources (1 CPU, 256 MB, not migratable) and a
     * {@code -INFINITY} location constraint for each {@code banned} resource on its host.
     */
    public void start(String world, List<String> hosts, List<String> resources, Map<String, String> banned,
            Path journal) {
        manager.bindCoordination(coordination.coordination());
        manager.bindSharedState(coordination.state());
        manager.bindObservationShare(coordination.share());
        put(ConfigPids.DRIVER, "sim", "type", "sim", "world", world);
        hosts.forEach(host -> put(ConfigPids.HOST, host, "driver", "sim"));
        resources.forEach(vm -> put(ConfigPids.RESOURCE, vm, "cpus", "1", "memory.mb", "256", "migratable", "false"));
        banned.forEach((vm, host) -> put(ConfigPids.CONSTRAINT, vm + "-not-on-" + host, "type", "location",
                "resource", vm, "host", host, "score", "-INFINITY"));
        manager.bindDriverFactory(new SimDriverFactory(new SimulatedDatacenter()));
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "100", "journal.path", journal.toString()));
        running = true;
    }

    public Role role() {
        return coordination.coordination().role();
    }

    public ClusterSnapshot snapshot() {
        return manager.snapshot();
    }

    public List<ClusterEvent> events() {
        return manager.events(2000);
    }

    /** The manager ends at once, its ZooKeeper session with it: another manager can lead. */
    @Override
    public void close() {
        if (running) {
            running = false;
            manager.stop();
        }
        coordination.close();
    }

    private void put(String factory, String name, String... keys) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("name", name);
        raw.put("felix.fileinstall.filename", "file:/etc/" + factory + "-" + name + ".cfg");
        for (int i = 0; i < keys.length; i += 2) {
            raw.put(keys[i], keys[i + 1]);
        }
        manager.store().update(factory, factory + "-" + name, raw);
    }
}
