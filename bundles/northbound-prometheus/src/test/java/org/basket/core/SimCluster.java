package org.basket.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEventListener;
import org.basket.api.cluster.ClusterService;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.testsupport.ConfigFiles;

/**
 * The manager outside OSGi on the simulated hypervisor in this JVM, for the tests of northbound layers:
 * 3 hosts (node1..node3), the VMs {@link #VMS}, a listener bound as Declarative Services would bind it.
 */
public final class SimCluster implements AutoCloseable {
    public static final List<String> VMS = List.of("vm1", "vm2", "vm3", "vm4");
    private final ClusterManager manager = new ClusterManager();
    private final SimulatedDatacenter world = new SimulatedDatacenter();

    private SimCluster() {
    }

    public static SimCluster start(Path journal, ClusterEventListener listener) {
        SimCluster cluster = new SimCluster();
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim", "latency.ms", "5", "migration.ms", "50");
        for (String host : List.of("node1", "node2", "node3")) {
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        for (String vm : VMS) {
            cluster.file(ConfigPids.RESOURCE, vm, "cpus", "1", "memory.mb", "512");
        }
        cluster.manager.bindEventListener(listener);
        cluster.manager.bindDriverFactory(new SimDriverFactory(cluster.world));
        cluster.manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "500", "host.dead.timeout.ms", "1000",
                "journal.path", journal.toString()));
        return cluster;
    }

    public ClusterService service() {
        return manager;
    }

    /** A simulated host crash: the host powers off with its VMs. */
    public void crashHost(String host) {
        world.crashHost(host);
    }

    /** Where the manager last saw the VM active. */
    public List<String> activeOn(String vm) {
        return manager.snapshot().state().resource(vm).activeOn();
    }

    @Override
    public void close() {
        manager.stop();
    }

    private void file(String factoryPid, String name, String... keyValues) {
        ConfigFiles.put(manager.store()::update, factoryPid, name, keyValues);
    }
}
