package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.basket.api.cluster.Progress;
import org.basket.api.model.HostState;
import org.basket.core.config.ConfigPids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The executor's per-host limits, its progress and the operator's cancel, on virtual time against the
 * simulated hypervisor. The second check of silent hosts, fencing back-off, timeouts, monitors and abandoning a
 * plan on news are cases of the engine scenarios (src/test/resources/engine-scenarios).
 */
class EngineSafetyTest {
    private static final List<String> HOSTS = List.of("node1", "node2", "node3");

    private final VirtualCluster cluster = new VirtualCluster();
    private final ClusterManager manager = cluster.manager;
    private final Map<String, String> settings = new HashMap<>(Map.of("settle.ms", "0", "observe.interval.ms", "50",
            "host.dead.timeout.ms", "300"));

    private void start(int vms, String... driverKeys) {
        String[] keys = new String[driverKeys.length + 4];
        System.arraycopy(new String[] {"type", "sim", "migration.ms", "50"}, 0, keys, 0, 4);
        System.arraycopy(driverKeys, 0, keys, 4, driverKeys.length);
        cluster.file(ConfigPids.DRIVER, "sim", keys);
        HOSTS.forEach(h -> cluster.file(ConfigPids.HOST, h, "driver", "sim"));
        for (int i = 1; i <= vms; i++) {
            cluster.file(ConfigPids.RESOURCE, "vm" + i, "cpus", "1");
        }
        cluster.start(settings);
        cluster.until(() -> running() == vms, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        cluster.close();
        assertEquals(List.of(), cluster.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void noHostRunsMoreActionsThanItsLimit() {
        settings.put("actions.per.host", "1");
        start(9, "latency.ms", "30");
        Set<String> seen = new TreeSet<>();
        manager.setStandby("node1", true);
        cluster.until(() -> {
            Progress progress = manager.progress();
            Map<String, Integer> perHost = new HashMap<>();
            progress.steps().stream().filter(s -> s.phase() == Progress.Phase.RUNNING).forEach(s -> {
                String[] words = s.action().split(" ");
                for (int i = 2; i < words.length; i++) {
                    if (HOSTS.contains(words[i])) {
                        perHost.merge(words[i], 1, Integer::sum);
                    }
                }
            });
            perHost.forEach((h, n) -> assertTrue(n <= 1, n + " actions at once on " + h + ": " + progress));
            progress.steps().forEach(s -> seen.add(s.phase().name()));
            return manager.snapshot().state().resources().values().stream().noneMatch(r -> r.activeOn().contains("node1"));
        }, Duration.ofSeconds(20));
        assertTrue(seen.contains("RUNNING"), "the drain was observed in flight: " + seen);
    }

    @Test
    void aRunningMigrationShowsTheDriversProgress() {
        start(3, "migration.ms", "1000");
        String host = cluster.hostOf("vm1");
        manager.setStandby(host, true);
        cluster.until(() -> manager.progress().steps().stream().anyMatch(s ->
                s.action().startsWith("migrate vm1 from " + host) && s.phase() == Progress.Phase.RUNNING
                        && s.detail().equals("copying for 1000 ms (simulated)")), Duration.ofSeconds(5));
        cluster.until(() -> !cluster.hostOf("vm1").equals(host), Duration.ofSeconds(10));
    }

    @Test
    void cancelStopsADrainAndBringsTheHostBackOnline() {
        settings.put("actions.per.host", "1");
        start(9, "latency.ms", "100");
        manager.setStandby("node1", true);
        cluster.until(() -> manager.progress().count(Progress.Phase.PENDING) > 0, Duration.ofSeconds(5));
        List<String> cancelled = manager.cancel();
        assertEquals("drain of node1 cancelled: the host is back online", cancelled.get(0));
        assertTrue(cancelled.get(1).matches("\\d+ action\\(s\\) not started abandoned; \\d+ running finish"), cancelled.get(1));
        cluster.until(() -> manager.progress().isIdle() && state("node1") == HostState.ONLINE, Duration.ofSeconds(5));
        cluster.advance(Duration.ofSeconds(5));
        assertFalse(manager.snapshot().state().resources().values().stream().noneMatch(r -> r.activeOn().contains("node1")),
                "the drain stopped before node1 was empty");
        assertEquals(List.of(), manager.cancel(), "nothing left to cancel");
    }

    private long running() {
        return manager.snapshot().state().resources().values().stream().filter(r -> r.activeOn().size() == 1).count();
    }

    private HostState state(String host) {
        return manager.snapshot().state().hostState(host);
    }
}
