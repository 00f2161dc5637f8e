package org.basket.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.SimulatedHost;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.driver.sim.world.RemoteDatacenter;
import org.basket.testsupport.ConfigFiles;

/** A manager outside OSGi on a simulated world process: 3 hosts, 4 VMs, the sim endpoint with {@code world = ADDRESS}. */
final class WorldCluster {
    static final List<String> VMS = List.of("vm1", "vm2", "vm3", "vm4");

    private WorldCluster() {
    }

    /** Configures and starts the manager, its journal at {@code journal}. */
    static void start(ClusterManager manager, String world, Path journal) {
        file(manager, ConfigPids.DRIVER, "sim", "type", "sim", "world", world, "latency.ms", "5", "migration.ms", "50");
        for (String host : List.of("node1", "node2", "node3")) {
            file(manager, ConfigPids.HOST, host, "driver", "sim");
        }
        for (String vm : VMS) {
            file(manager, ConfigPids.RESOURCE, vm, "cpus", "1", "memory.mb", "512");
        }
        manager.bindDriverFactory(new SimDriverFactory(new SimulatedDatacenter()));
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "500", "host.dead.timeout.ms", "1000",
                "journal.path", journal.toString()));
    }

    /** Where the world runs the VM now. */
    static List<String> runningOn(RemoteDatacenter world, String vm) {
        return world.hosts().stream().filter(host -> host.domains().get(vm) != null && host.domains().get(vm).isActive())
                .map(SimulatedHost::name).toList();
    }

    private static void file(ClusterManager manager, String factoryPid, String name, String... keyValues) {
        ConfigFiles.put(manager.store()::update, factoryPid, name, keyValues);
    }
}
