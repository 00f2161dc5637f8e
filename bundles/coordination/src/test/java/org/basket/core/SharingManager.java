package org.basket.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.coordination.Role;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.coordination.BenchCoordination;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;

/**
 * One real {@link ClusterManager} of {@code org.basket.coordination.SharedReconcileOnZooKeeperTest} in the test's JVM,
 * with the ZooKeeper coordination, shared state and observation share, its sim driver on a world served on loopback.
 * It counts the domain listings it asks of each host, and can lose the driver events of chosen domains (an event lost
 * on this manager's connection only).
 */
public final class SharingManager implements AutoCloseable {
    private final ClusterManager manager = new ClusterManager();
    private final BenchCoordination coordination;
    private final Map<String, AtomicLong> listings = new ConcurrentHashMap<>();
    private volatile Predicate<String> lostEvents = domain -> false;
    private boolean running;

    public SharingManager(String id, String connect, String chroot) throws Exception {
        coordination = new BenchCoordination(Map.of("mode", "zookeeper", "manager.id", id, "zookeeper.connect", connect,
                "zookeeper.chroot", chroot, "session.timeout.ms", "2000", "lease.ms", "600"));
    }

    /** Starts the manager on the world's hosts, each running {@code vms}, with manager settings {@code key=value}. */
    public void start(String world, Map<String, List<String>> vms, Path journal, Map<String, String> settings) {
        manager.bindCoordination(coordination.coordination());
        manager.bindSharedState(coordination.state());
        manager.bindObservationShare(coordination.share());
        Map<String, Map<String, Object>> files = new HashMap<>();
        files.put("d", raw(ConfigPids.DRIVER, "sim", "type", "sim", "world", world));
        vms.forEach((host, domains) -> {
            files.put("h-" + host, raw(ConfigPids.HOST, host, "driver", "sim"));
            domains.forEach(vm -> files.put("r-" + vm, raw(ConfigPids.RESOURCE, vm, "cpus", "1", "memory.mb", "256")));
        });
        files.forEach((pid, file) -> manager.store().update(file.remove("factory").toString(), pid, file));
        manager.bindDriverFactory(counting(new SimDriverFactory(new SimulatedDatacenter())));
        Map<String, String> all = new HashMap<>(Map.of("settle.ms", "0", "journal.path", journal.toString()));
        all.putAll(settings);
        manager.start(all);
        running = true;
    }

    /** The driver events of these domains never reach this manager. */
    public void loseEventsOf(Predicate<String> domains) {
        lostEvents = domains;
    }

    public long listings(String host) {
        return listings.computeIfAbsent(host, h -> new AtomicLong()).get();
    }

    public Role role() {
        return coordination.coordination().role();
    }

    public ClusterSnapshot snapshot() {
        return manager.snapshot();
    }

    /** Follower news taken and dropped, and reconciles left to a follower, by this manager as leader. */
    public long[] sharing() {
        return manager.sharing().counts();
    }

    /** Tells the leader, as this follower, that these hosts differ. */
    public void report(List<String> hosts) throws Exception {
        coordination.share().report(hosts);
    }

    /** Its loop stops (a follower dead mid-sweep), its ZooKeeper session lives on. */
    public void stopLoop() {
        if (running) {
            running = false;
            manager.stop();
        }
    }

    @Override
    public void close() {
        stopLoop();
        coordination.close();
    }

    private HypervisorDriverFactory counting(HypervisorDriverFactory sim) {
        return new HypervisorDriverFactory() {
            @Override
            public String type() {
                return sim.type();
            }

            @Override
            public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
                HypervisorDriver driver = sim.open(config, new DriverListener() {
                    @Override
                    public void domainChanged(String host, String domain, DomainState state) {
                        if (!lostEvents.test(domain)) {
                            listener.domainChanged(host, domain, state);
                        }
                    }

                    @Override
                    public void hostContact(String host, boolean reachable, String reason) {
                        listener.hostContact(host, reachable, reason);
                    }
                });
                return (HypervisorDriver) Proxy.newProxyInstance(HypervisorDriver.class.getClassLoader(),
                        new Class<?>[] {HypervisorDriver.class}, (proxy, method, args) -> {
                            if (method.getName().equals("domains") && args != null && args.length == 1) {
                                listings.computeIfAbsent((String) args[0], h -> new AtomicLong()).incrementAndGet();
                            }
                            try {
                                return method.invoke(driver, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    private static Map<String, Object> raw(String factory, String name, String... keys) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("factory", factory);
        raw.put("name", name);
        raw.put("felix.fileinstall.filename", "file:/etc/" + factory + "-" + name + ".cfg");
        for (int i = 0; i < keys.length; i += 2) {
            raw.put(keys[i], keys[i + 1]);
        }
        return raw;
    }
}
