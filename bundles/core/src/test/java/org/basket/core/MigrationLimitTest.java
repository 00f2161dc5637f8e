package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.basket.api.cluster.EventKind;
import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.api.driver.LiveMigration;
import org.basket.api.model.Capacity;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migration.limit.host = 1} as the driver sees it: a host put in standby is drained of its VMs by live
 * migrations of 300 ms that each take a transition of their own, and the driver is never asked for two migrations
 * from or to one host at once, however the transitions follow each other (counted around the driver's calls, not
 * from the events' times), also when a migration given up on after its timeout goes on. Ten drains in a row, back
 * and forth between two hosts.
 */
class MigrationLimitTest {
    private static final List<String> VMS = IntStream.range(0, 4).mapToObj(i -> "vm" + i).toList();

    @TempDir
    Path dir;

    @Test
    void aDrainedHostSendsOneLiveMigrationAtATime() {
        VirtualCluster cluster = new VirtualCluster();
        CountingMigrations counting = start(cluster, Map.of());
        try {
            for (int round = 0; round < 10; round++) {
                String drained = VMS.stream().map(cluster::hostOf).max(Comparator
                        .comparing((String h) -> VMS.stream().filter(vm -> cluster.hostOf(vm).equals(h)).count())
                        .thenComparing(h -> h)).orElseThrow();
                int before = counting.calls;
                long leaving = VMS.stream().filter(vm -> cluster.hostOf(vm).equals(drained)).count();
                assertTrue(leaving >= 2, "round " + round + ": " + drained + " runs several VMs");
                cluster.manager.setStandby(drained, true);
                cluster.until(() -> cluster.allRunning(VMS) && VMS.stream().noneMatch(vm -> cluster.hostOf(vm)
                        .equals(drained)) && cluster.manager.isIdle(), Duration.ofSeconds(30));
                assertEquals(leaving, counting.calls - before, "round " + round + ": one migration per VM\n"
                        + cluster.recent());
                cluster.manager.setStandby(drained, false);
            }
            assertEquals(Map.of(), counting.overlaps, "hosts asked for two migrations at once");
            assertEquals(List.of(), cluster.datacenter.violations());
        } finally {
            cluster.close();
        }
    }

    /**
     * A migration given up on after its timeout whose driver call goes on (as a vMotion does until vCenter cancels
     * it) still counts against the limit: the next transition does not start another from its host meanwhile.
     */
    @Test
    void aMigrationGivenUpOnAfterItsTimeoutCountsUntilItsCallEnds() {
        VirtualCluster cluster = new VirtualCluster();
        CountingMigrations counting = start(cluster, Map.of("migrate.timeout.ms", "1000"));
        try {
            counting.outliveNext(cluster.time);
            cluster.manager.setStandby("node1", true);
            cluster.until(() -> cluster.allRunning(VMS) && VMS.stream().noneMatch(vm -> cluster.hostOf(vm)
                    .equals("node1")) && cluster.manager.isIdle(), Duration.ofSeconds(60));
            assertTrue(cluster.sequenceOf(e -> e.kind() == EventKind.ACTION_TIMED_OUT
                    && e.action().startsWith("migrate ")) > 0, cluster.recent());
            assertEquals(Map.of(), counting.overlaps, "hosts asked for two migrations at once");
            assertEquals(List.of(), cluster.datacenter.violations());
        } finally {
            cluster.close();
        }
    }

    /** The manager on 3 hosts of the simulator, the 4 VMs on node1, migrations of 300 ms, one per host at once. */
    private CountingMigrations start(VirtualCluster cluster, Map<String, String> settings) {
        CountingMigrations counting = new CountingMigrations(cluster.driver);
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim", "migration.ms", "300");
        for (String host : List.of("node1", "node2", "node3")) {
            cluster.datacenter.addHost(host, new Capacity(16, 65536));
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        VMS.forEach(vm -> cluster.file(ConfigPids.RESOURCE, vm, "cpus", "1", "memory.mb", "512", "migratable", "true"));
        cluster.manager.bindDriverFactory(counting);
        Map<String, String> all = new HashMap<>(Map.of("settle.ms", "0", "observe.interval.ms", "100",
                "placement.strategy", "first-fit", "migration.limit.host", "1",
                "journal.path", dir.resolve("journal.mv").toString()));
        all.putAll(settings);
        cluster.manager.start(all);
        cluster.until(() -> cluster.allRunning(VMS) && VMS.stream().allMatch(vm -> cluster.hostOf(vm).equals("node1")),
                Duration.ofSeconds(5));
        return counting;
    }

    /** The simulator's driver whose live migrations are counted per host (source and target) while they run. */
    private static final class CountingMigrations implements HypervisorDriverFactory {
        private final SimDriverFactory sim;
        private final Map<String, Integer> running = new ConcurrentHashMap<>();
        /** The hosts that had more than one migration at once, with the most they had. */
        final Map<String, Integer> overlaps = new ConcurrentHashMap<>();
        volatile int calls;
        private final AtomicReference<VirtualTime> outlive = new AtomicReference<>();

        CountingMigrations(SimDriverFactory sim) {
            this.sim = sim;
        }

        @Override
        public String type() {
            return sim.type();
        }

        @Override
        public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
            HypervisorDriver inner = sim.open(config, listener);
            LiveMigration migration = inner.capability(LiveMigration.class).orElseThrow();
            LiveMigration counted = (domain, from, to, options) -> {
                synchronized (this) {
                    calls++;
                    List.of(from, to).forEach(this::enter);
                }
                try {
                    VirtualTime time = outlive.getAndSet(null);
                    if (time != null) {
                        outliveTimeout(time, domain);
                    }
                    migration.migrate(domain, from, to, options);
                } finally {
                    List.of(from, to).forEach(h -> running.merge(h, -1, Integer::sum));
                }
            };
            return new HypervisorDriver() {
                @Override
                public List<String> discoverHosts() throws DriverException {
                    return inner.discoverHosts();
                }

                @Override
                public void attach(HostBinding host) throws DriverException {
                    inner.attach(host);
                }

                @Override
                public void detach(String host) {
                    inner.detach(host);
                }

                @Override
                public HostInfo host(String host) throws DriverException {
                    return inner.host(host);
                }

                @Override
                public List<DomainInfo> domains(String host) throws DriverException {
                    return inner.domains(host);
                }

                @Override
                public DomainInfo monitor(String host, String domain) throws DriverException {
                    return inner.monitor(host, domain);
                }

                @Override
                public void start(String host, String domain) throws DriverException {
                    inner.start(host, domain);
                }

                @Override
                public void stop(String host, String domain, Duration grace) throws DriverException {
                    inner.stop(host, domain, grace);
                }

                @Override
                @SuppressWarnings("unchecked")
                public <T> Optional<T> capability(Class<T> type) {
                    return type == LiveMigration.class ? Optional.of((T) counted) : inner.capability(type);
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        }

        /** The next migration call ignores interrupts for 3 s (virtual), then fails, the VM staying where it was. */
        void outliveNext(VirtualTime time) {
            outlive.set(time);
        }

        private static void outliveTimeout(VirtualTime time, String domain) throws DriverException {
            long until = time.nanoTime() + Duration.ofSeconds(3).toNanos();
            boolean interrupted = false;
            while (time.nanoTime() < until) {
                try {
                    time.sleep(Duration.ofMillis(100));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new DriverException("migrating " + domain + ": cancelled at last");
        }

        private void enter(String host) {
            int now = running.merge(host, 1, Integer::sum);
            if (now > 1) {
                overlaps.merge(host, now, Math::max);
            }
        }
    }
}
