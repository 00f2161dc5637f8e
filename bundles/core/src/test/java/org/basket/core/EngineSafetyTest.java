package org.basket.core;

import static org.awaitility.Awaitility.await;
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
import org.basket.api.model.ResourceStatus;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's second check of silent hosts, fencing back-off, per-host limits, abandoning a plan on
 * news and the operator's cancel, against the simulated hypervisor with faults injected.
 */
class EngineSafetyTest {
    private static final List<String> HOSTS = List.of("node1", "node2", "node3");

    private final SimulatedDatacenter datacenter = new SimulatedDatacenter();
    private final ClusterManager manager = new ClusterManager();
    private final Map<String, String> settings = new HashMap<>(Map.of("settle.ms", "0", "observe.interval.ms", "50",
            "host.dead.timeout.ms", "300"));

    private void start(int vms, String... driverKeys) {
        Map<String, Object> driver = new HashMap<>(Map.of("type", "sim", "migration.ms", "50"));
        for (int i = 0; i < driverKeys.length; i += 2) {
            driver.put(driverKeys[i], driverKeys[i + 1]);
        }
        manager.store().update(ConfigPids.DRIVER, "d", raw("sim", driver));
        HOSTS.forEach(h -> manager.store().update(ConfigPids.HOST, "h-" + h, raw(h, Map.of("driver", "sim"))));
        for (int i = 1; i <= vms; i++) {
            manager.store().update(ConfigPids.RESOURCE, "r-vm" + i, raw("vm" + i, Map.of("cpus", "1")));
        }
        manager.bindDriverFactory(new SimDriverFactory(datacenter));
        manager.start(settings);
        await().atMost(Duration.ofSeconds(20)).until(() -> running() == vms);
    }

    @AfterEach
    void stop() {
        manager.stop();
        assertEquals(List.of(), datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void mostHostsSilentAtOnceMeansBasketMayBeCutOffAndDoesNotAct() {
        start(6);
        datacenter.cutContact("node1", true);
        datacenter.cutContact("node2", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> reason("node1").contains("may be the one cut off")
                && reason("node2").contains("may be the one cut off"));
        sleep(500);
        assertEquals(HostState.SUSPECT, state("node1"));
        assertEquals(HostState.SUSPECT, state("node2"));
        assertTrue(reason("node1").contains("on (says "), reason("node1"));
        assertEquals(-1, sequenceOf("fence "), "nothing was fenced");
        assertTrue(datacenter.hosts().stream().allMatch(h -> h.poweredOn()));
        datacenter.cutContact("node1", false);
        datacenter.cutContact("node2", false);
        await().atMost(Duration.ofSeconds(5)).until(() -> state("node1") == HostState.ONLINE
                && state("node2") == HostState.ONLINE && running() == 6);
    }

    @Test
    void mostHostsPoweredOffAreDeadAndTheirVmsRecovered() {
        start(3);
        datacenter.crashHost("node1");
        datacenter.crashHost("node2");
        await().atMost(Duration.ofSeconds(10)).until(() -> running() == 3
                && manager.snapshot().state().resources().values().stream().allMatch(r -> r.activeOn().equals(List.of("node3"))));
        assertTrue(sequenceOf("host node1 is dead: off (says ") > 0);
        assertTrue(sequenceOf("host node2 is dead: off (says ") > 0);
    }

    @Test
    void oneSilentHostWhileTheRestAnswersIsFencedAlthoughItsPowerIsOn() {
        start(3);
        datacenter.cutContact("node2", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> sequenceOf("host node2 fenced by") > 0);
        assertTrue(sequenceOf("host node2 is unclean: silent while the rest of the cluster answers, and on (says ") > 0);
    }

    @Test
    void failingFenceIsRetriedWithBackOffAndRaisesAnAlert() {
        settings.put("fence.backoff.ms", "200");
        start(3);
        String host = hostOf("vm1");
        datacenter.failFence(host, true);
        datacenter.crashHost(host);
        await().atMost(Duration.ofSeconds(5)).until(() -> sequenceOf("ALERT: host " + host) > 0);
        sleep(1500);
        long attempts = manager.events(2000).stream().filter(e -> e.message().startsWith("ALERT: host " + host)).count();
        assertTrue(attempts >= 2 && attempts <= 5, attempts + " attempts in about 1.5 s: after 200, 400, 800 ms");
        assertTrue(reason(host).startsWith("fencing failed"), reason(host));
        assertEquals(HostState.UNCLEAN, state(host));
        datacenter.failFence(host, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> running() == 3 && state(host) == HostState.OFFLINE);
    }

    @Test
    void noHostRunsMoreActionsThanItsLimit() {
        settings.put("actions.per.host", "1");
        start(9, "latency.ms", "30");
        Set<String> seen = new TreeSet<>();
        manager.setStandby("node1", true);
        while (manager.snapshot().state().resources().values().stream().anyMatch(r -> r.activeOn().contains("node1"))) {
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
        }
        assertTrue(seen.contains("RUNNING"), "the drain was observed in flight: " + seen);
    }

    @Test
    void aRunningMigrationShowsTheDriversProgress() {
        start(3, "migration.ms", "1000");
        String host = hostOf("vm1");
        manager.setStandby(host, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.progress().steps().stream().anyMatch(s ->
                s.action().startsWith("migrate vm1 from " + host) && s.phase() == Progress.Phase.RUNNING
                        && s.detail().equals("copying for 1000 ms (simulated)")));
        await().atMost(Duration.ofSeconds(10)).until(() -> !hostOf("vm1").equals(host));
    }

    @Test
    void crashDuringATransitionAbandonsWhatHasNotStarted() {
        settings.put("actions.per.host", "1");
        start(6, "latency.ms", "100");
        manager.setStandby("node1", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.progress().count(Progress.Phase.PENDING) > 0);
        String victim = manager.snapshot().state().resources().values().stream()
                .filter(r -> r.isActive() && !r.activeOn().contains("node1")).map(ResourceStatus::name).findFirst()
                .orElseThrow();
        datacenter.crashDomain(victim);
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.events(2000).stream()
                .anyMatch(e -> e.message().matches("\\d+ action\\(s\\) not started, re-planning: domain " + victim
                        + " crashed on .*")));
        await().atMost(Duration.ofSeconds(15)).until(() -> running() == 6 && manager.snapshot().state().resources()
                .values().stream().noneMatch(r -> r.activeOn().contains("node1")));
    }

    @Test
    void cancelStopsADrainAndBringsTheHostBackOnline() {
        settings.put("actions.per.host", "1");
        start(9, "latency.ms", "100");
        manager.setStandby("node1", true);
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.progress().count(Progress.Phase.PENDING) > 0);
        List<String> cancelled = manager.cancel();
        assertEquals("drain of node1 cancelled: the host is back online", cancelled.get(0));
        assertTrue(cancelled.get(1).matches("\\d+ action\\(s\\) not started abandoned; \\d+ running finish"), cancelled.get(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.progress().isIdle() && state("node1") == HostState.ONLINE);
        sleep(300);
        assertFalse(manager.snapshot().state().resources().values().stream().noneMatch(r -> r.activeOn().contains("node1")),
                "the drain stopped before node1 was empty");
        assertEquals(List.of(), manager.cancel(), "nothing left to cancel");
    }

    @Test
    void aResourceHasItsOwnStartTimeout() {
        start(3);
        String host = hostOf("vm1");
        reconfigure("vm1", "start.timeout.ms", "150");
        datacenter.hang(Operation.START, "vm1");
        datacenter.crashDomain("vm1");
        await().atMost(Duration.ofSeconds(5)).until(() -> sequenceOf("start vm1 on " + host + " failed: timed out after 150 ms") > 0);
        await().atMost(Duration.ofSeconds(5)).until(() -> sequenceOf("start vm1 on " + host + ": ended after its timeout: ") > 0);
        datacenter.clearFaults();
        await().atMost(Duration.ofSeconds(10)).until(() -> running() == 3);
    }

    @Test
    void aResourceWithItsOwnMonitorIsCheckedAtItsIntervalAndAFailedCheckCounts() {
        settings.put("observe.interval.ms", "5000");
        start(3);
        String host = hostOf("vm1");
        reconfigure("vm1", "monitor.interval.ms", "100", "monitor.timeout.ms", "1000");
        datacenter.failNext(Operation.MONITOR, "vm1", 1);
        await().atMost(Duration.ofSeconds(3)).until(() -> sequenceOf("monitor of vm1 on " + host + " failed: ") > 0
                && manager.snapshot().state().resource("vm1").failCount(host) == 1);
        assertEquals(List.of(host), manager.snapshot().state().resource("vm1").activeOn(), "a failed check alone moves nothing");
        datacenter.hang(Operation.MONITOR, "vm1");
        await().atMost(Duration.ofSeconds(5)).until(() -> sequenceOf("monitor of vm1 on " + host
                + " failed: no answer within 1000 ms") > 0);
        datacenter.clearFaults();
    }

    private void reconfigure(String vm, String... keys) {
        Map<String, Object> values = new HashMap<>(Map.of("cpus", "1"));
        for (int i = 0; i < keys.length; i += 2) {
            values.put(keys[i], keys[i + 1]);
        }
        manager.store().update(ConfigPids.RESOURCE, "r-" + vm, raw(vm, values));
        manager.configChanged();
        await().atMost(Duration.ofSeconds(5)).until(() -> !manager.snapshot().config().resources().get(vm).operations()
                .equals(org.basket.api.model.Operations.DEFAULTS));
    }

    private long running() {
        return manager.snapshot().state().resources().values().stream().filter(r -> r.activeOn().size() == 1).count();
    }

    private HostState state(String host) {
        return manager.snapshot().state().hostState(host);
    }

    private String reason(String host) {
        return manager.snapshot().state().hosts().get(host).reason();
    }

    private String hostOf(String resource) {
        return manager.snapshot().state().resource(resource).activeOn().get(0);
    }

    private long sequenceOf(String text) {
        return manager.events(2000).stream().filter(e -> e.message().startsWith(text)).mapToLong(e -> e.sequence())
                .findFirst().orElse(-1);
    }

    private static Map<String, Object> raw(String name, Map<String, ?> keys) {
        Map<String, Object> raw = new HashMap<>(keys);
        raw.put("felix.fileinstall.filename", "file:/etc/org.basket-" + name + ".cfg");
        raw.put("name", name);
        return raw;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
