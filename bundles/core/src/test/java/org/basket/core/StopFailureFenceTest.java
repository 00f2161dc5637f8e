package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterService.Scope;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.Capacity;
import org.basket.api.model.HostState;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.Operation;
import org.basket.testsupport.PlugFence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop of a VM that fails where a fence device exists fences the host (Pacemaker's on-fail=fence for a stop), through
 * the path of a lost host: the VM, and what else ran there, starts elsewhere only once the fence is confirmed, never on
 * two hosts; a fence that fails recovers nothing and is retried with its back-off; the need survives a restart of the
 * manager (journaled); {@code stop.failure = block} blocks instead; a host in maintenance is not fenced for it. The
 * fence device is a plug of the simulator's power switch; the driver itself cannot fence.
 */
class StopFailureFenceTest {
    private static final String AGENT = "fence_sim_plug";

    @TempDir
    Path dir;

    @Test
    void aFailedStopFencesTheHostOnceAndRecoversItsVmsElsewhereOnlyAfterTheFence() {
        VirtualCluster cluster = start(new VirtualCluster(), Map.of());
        try {
            cluster.datacenter.failNext(Operation.STOP, "web", 1);
            banWebFromNode1(cluster);
            cluster.until(() -> cluster.allRunning(List.of("web", "cache")) && cluster.hostOf("web").equals("node2")
                    && cluster.hostOf("cache").equals("node2") && cluster.manager.isIdle(), Duration.ofSeconds(10));

            List<ClusterEvent> events = cluster.manager.events(2000);
            ClusterEvent unclean = only(events, e -> e.kind() == EventKind.HOST_DEAD, cluster);
            assertEquals("node1", unclean.host());
            assertEquals("web", unclean.resource());
            assertEquals(ClusterEvent.Severity.ERROR, unclean.severity());
            assertTrue(unclean.message().contains("the stop of web failed") && unclean.message().contains("fenced"),
                    unclean.message());
            ClusterEvent fenced = only(events, EventMatch.aboutHost(EventKind.HOST_FENCED, "node1"), cluster);
            assertTrue(fenced.message().contains(AGENT + " node1"), "fenced by the plug: " + fenced.message());
            assertTrue(unclean.sequence() < fenced.sequence());
            assertRecoveredOnNode2OnlyAfter(fenced, events, cluster);
        } finally {
            cluster.close();
        }
    }

    @Test
    void aStopThatTimesOutFencesTheHostAsAFailedOneDoes() {
        VirtualCluster cluster = start(new VirtualCluster(), Map.of("stop.timeout.ms", "2000"));
        try {
            cluster.datacenter.hang(Operation.STOP, "web");
            banWebFromNode1(cluster);
            cluster.until(() -> cluster.allRunning(List.of("web", "cache")) && cluster.hostOf("web").equals("node2")
                    && cluster.manager.isIdle(), Duration.ofSeconds(10));
            List<ClusterEvent> events = cluster.manager.events(2000);
            long timedOut = first(events, e -> e.kind() == EventKind.ACTION_TIMED_OUT
                    && e.action().equals("stop web on node1"));
            ClusterEvent unclean = only(events, e -> e.kind() == EventKind.HOST_DEAD, cluster);
            ClusterEvent fenced = only(events, EventMatch.aboutHost(EventKind.HOST_FENCED, "node1"), cluster);
            assertTrue(timedOut > 0 && timedOut < unclean.sequence() && unclean.sequence() < fenced.sequence(),
                    cluster.recent());
            assertTrue(first(events, EventMatch.done("start web on node2")) > fenced.sequence(), cluster.recent());
            assertEquals(List.of(), cluster.datacenter.violations());
        } finally {
            cluster.datacenter.clearFaults();
            cluster.close();
        }
    }

    @Test
    void aFenceThatFailsRecoversNothingRetriesWithBackOffAndARestartedManagerStillFences() {
        VirtualCluster first = start(new VirtualCluster(), Map.of());
        first.datacenter.failFence("node1", true);
        first.datacenter.failNext(Operation.STOP, "web", 1);
        banWebFromNode1(first);
        first.until(() -> fenceFailures(first) >= 3, Duration.ofSeconds(30));
        List<ClusterEvent> failures = first.manager.events(2000).stream()
                .filter(e -> e.kind() == EventKind.FENCE_FAILED && e.severity() == ClusterEvent.Severity.ERROR)
                .sorted(java.util.Comparator.comparingLong(ClusterEvent::sequence)).toList();
        Duration firstGap = Duration.between(failures.get(0).time(), failures.get(1).time());
        Duration secondGap = Duration.between(failures.get(1).time(), failures.get(2).time());
        assertTrue(firstGap.compareTo(Duration.ofSeconds(1)) >= 0 && secondGap.compareTo(firstGap) > 0,
                "attempts spaced out, the wait growing: " + firstGap + ", " + secondGap);
        assertEquals(HostState.UNCLEAN, first.manager.snapshot().state().hostState("node1"));
        assertTrue(first.manager.snapshot().state().hosts().get("node1").reason().contains("the stop of web failed"),
                first.manager.snapshot().state().hosts().get("node1").reason());
        assertEquals(List.of("node1"), first.status("web").activeOn(), "web is not recovered while node1 is not fenced");
        assertEquals(List.of("node1"), first.status("cache").activeOn());
        assertEquals(-1, first.sequenceOf(e -> e.kind() == EventKind.ACTION_DONE && e.action().endsWith(" on node2")),
                "nothing started on node2: " + first.recent());
        first.close();

        VirtualCluster next = start(new VirtualCluster(first.datacenter), Map.of());
        try {
            assertEquals(HostState.UNCLEAN, next.manager.snapshot().state().hostState("node1"),
                    "the restarted manager keeps the need to fence node1 (journaled)");
            next.holds(() -> next.datacenter.activeHosts("web").equals(List.of("node1")), Duration.ofSeconds(3),
                    "web stays on node1 while its fence fails");
            next.datacenter.failFence("node1", false);
            next.until(() -> next.allRunning(List.of("web", "cache")) && next.hostOf("web").equals("node2")
                    && next.hostOf("cache").equals("node2") && next.manager.isIdle(), Duration.ofSeconds(70));
            List<ClusterEvent> events = next.manager.events(2000);
            ClusterEvent fenced = only(events, EventMatch.aboutHost(EventKind.HOST_FENCED, "node1"), next);
            assertTrue(first(events, EventMatch.done("start web on node2")) > fenced.sequence(), next.recent());
            assertEquals(1, next.datacenter.maxActiveHosts("web"));
            assertEquals(List.of(), next.datacenter.violations());
        } finally {
            next.close();
        }
    }

    @Test
    void cleaningUpTheResourceWithdrawsTheFenceAndItsStopIsTriedAgain() {
        VirtualCluster cluster = start(new VirtualCluster(), Map.of());
        try {
            cluster.datacenter.failFence("node1", true);
            cluster.datacenter.failNext(Operation.STOP, "web", 1);
            banWebFromNode1(cluster);
            cluster.until(() -> fenceFailures(cluster) >= 1, Duration.ofSeconds(10));
            cluster.manager.cleanup("web");
            cluster.until(() -> cluster.manager.snapshot().state().hostState("node1") == HostState.ONLINE
                    && cluster.allRunning(List.of("web")) && cluster.hostOf("web").equals("node2")
                    && cluster.manager.isIdle(), Duration.ofSeconds(10));
            assertEquals(-1, cluster.sequenceOf(EventMatch.aboutHost(EventKind.HOST_FENCED, "node1")));
            assertTrue(cluster.sequenceOf(EventMatch.done("stop web on node1")) > 0, cluster.recent());
            assertEquals(List.of("node1"), cluster.status("cache").activeOn(), "cache stays where it ran");
        } finally {
            cluster.close();
        }
    }

    @Test
    void withStopFailureBlockTheVmIsBlockedAndTheHostNotFenced() {
        VirtualCluster cluster = start(new VirtualCluster(), Map.of("stop.failure", "block"));
        try {
            cluster.datacenter.failNext(Operation.STOP, "web", 1);
            banWebFromNode1(cluster);
            cluster.until(() -> "node1".equals(cluster.status("web").blockedOn()), Duration.ofSeconds(5));
            cluster.holds(() -> cluster.manager.snapshot().state().hostState("node1") == HostState.ONLINE
                    && cluster.datacenter.activeHosts("web").equals(List.of("node1")), Duration.ofSeconds(5),
                    "node1 stays online and web blocked there");
            assertEquals(-1, cluster.sequenceOf(e -> e.kind() == EventKind.HOST_DEAD
                    || e.kind() == EventKind.HOST_FENCED), cluster.recent());
        } finally {
            cluster.close();
        }
    }

    @Test
    void aStopThatTimesOutWhileItsHostGoesIntoMaintenanceDoesNotFenceIt() {
        VirtualCluster cluster = start(new VirtualCluster(), Map.of("stop.timeout.ms", "2000"));
        try {
            cluster.datacenter.hang(Operation.STOP, "web");
            banWebFromNode1(cluster);
            cluster.until(() -> !cluster.manager.isIdle(), Duration.ofSeconds(5)); // the stop of web hangs
            cluster.manager.setMaintenance(Scope.HOST, "node1", true);
            cluster.until(() -> cluster.sequenceOf(e -> e.kind() == EventKind.ACTION_TIMED_OUT) > 0,
                    Duration.ofSeconds(5));
            cluster.holds(() -> cluster.manager.snapshot().state().hostState("node1") == HostState.MAINTENANCE,
                    Duration.ofSeconds(5), "node1 stays in maintenance, not unclean");
            assertEquals(-1, cluster.sequenceOf(e -> e.kind() == EventKind.HOST_DEAD
                    || e.kind() == EventKind.HOST_FENCED), cluster.recent());
            assertTrue(cluster.sequenceOf(e -> e.kind() == EventKind.RESOURCE_FAILED
                    && e.message().contains("not fencing node1") && e.message().contains("maintenance")) > 0,
                    cluster.recent());
        } finally {
            cluster.datacenter.clearFaults();
            cluster.close();
        }
    }

    @Test
    void aStopThatTimesOutWhileTheResourceIsInMaintenanceDoesNotFenceAndIsTriedAgainAfter() {
        notFencedForAStopThatFailsDuring(Scope.RESOURCE, "web", "the resource is in maintenance");
    }

    @Test
    void aStopThatTimesOutWhileTheClusterIsInMaintenanceDoesNotFenceAndIsTriedAgainAfter() {
        notFencedForAStopThatFailsDuring(Scope.CLUSTER, "", "the cluster is in maintenance");
    }

    /**
     * The stop of web hangs, then the scope goes into maintenance and the stop times out: the failure is told, node1
     * is not made unclean nor fenced; once maintenance ends the stop is tried again and, working, web moves to node2.
     */
    private void notFencedForAStopThatFailsDuring(Scope scope, String name, String why) {
        VirtualCluster cluster = start(new VirtualCluster(), Map.of("stop.timeout.ms", "2000"));
        try {
            cluster.datacenter.hang(Operation.STOP, "web");
            banWebFromNode1(cluster);
            cluster.until(() -> !cluster.manager.isIdle(), Duration.ofSeconds(5)); // the stop of web hangs
            cluster.manager.setMaintenance(scope, name, true);
            cluster.until(() -> cluster.sequenceOf(e -> e.kind() == EventKind.ACTION_TIMED_OUT) > 0,
                    Duration.ofSeconds(5));
            cluster.datacenter.clearFaults();
            cluster.holds(() -> cluster.manager.snapshot().state().hostState("node1") == HostState.ONLINE
                    && cluster.datacenter.activeHosts("web").equals(List.of("node1")), Duration.ofSeconds(5),
                    "node1 stays online, not unclean, and web is left on it while in maintenance");
            assertTrue(cluster.sequenceOf(e -> e.kind() == EventKind.RESOURCE_FAILED
                    && e.message().contains("not fencing node1") && e.message().contains(why)) > 0, cluster.recent());

            long ended = cluster.lastSequence();
            cluster.manager.setMaintenance(scope, name, false);
            cluster.until(() -> cluster.allRunning(List.of("web")) && cluster.hostOf("web").equals("node2")
                    && cluster.manager.isIdle(), Duration.ofSeconds(10));
            assertTrue(cluster.sequenceAfter(ended, EventMatch.done("stop web on node1")) > 0, cluster.recent());
            assertEquals(-1, cluster.sequenceOf(e -> e.kind() == EventKind.HOST_DEAD
                    || e.kind() == EventKind.HOST_FENCED), cluster.recent());
            assertEquals(HostState.ONLINE, cluster.manager.snapshot().state().hostState("node1"));
            assertEquals(List.of("node1"), cluster.status("cache").activeOn(), "cache stays where it ran");
            assertEquals(1, cluster.datacenter.maxActiveHosts("web"));
            assertEquals(List.of(), cluster.datacenter.violations());
        } finally {
            cluster.datacenter.clearFaults();
            cluster.close();
        }
    }

    @Test
    void aHostToBeFencedThenPutInMaintenanceIsFencedOnlyOnceMaintenanceEnds() {
        VirtualCluster cluster = toBeFencedThenInMaintenance();
        try {
            long ended = cluster.lastSequence();
            cluster.manager.setMaintenance(Scope.HOST, "node1", false);
            cluster.until(() -> cluster.allRunning(List.of("web", "cache")) && cluster.hostOf("web").equals("node2")
                    && cluster.hostOf("cache").equals("node2") && cluster.manager.isIdle(), Duration.ofSeconds(70));
            List<ClusterEvent> events = cluster.manager.events(2000);
            ClusterEvent fenced = only(events, EventMatch.aboutHost(EventKind.HOST_FENCED, "node1"), cluster);
            assertTrue(fenced.sequence() > ended, "fenced after maintenance ended: " + cluster.recent());
            assertRecoveredOnNode2OnlyAfter(fenced, events, cluster);
        } finally {
            cluster.close();
        }
    }

    @Test
    void aHostToBeFencedThenPutInMaintenanceIsNotFencedWhenItsResourceIsCleanedUpFirst() {
        VirtualCluster cluster = toBeFencedThenInMaintenance();
        try {
            cluster.manager.cleanup("web");
            cluster.until(() -> !cluster.manager.snapshot().state().hosts().get("node1").reason().contains("to be fenced"),
                    Duration.ofSeconds(1));
            assertEquals(HostState.MAINTENANCE, cluster.manager.snapshot().state().hostState("node1"));
            cluster.manager.setMaintenance(Scope.HOST, "node1", false);
            cluster.until(() -> cluster.manager.snapshot().state().hostState("node1") == HostState.ONLINE
                    && cluster.allRunning(List.of("web")) && cluster.hostOf("web").equals("node2")
                    && cluster.manager.isIdle(), Duration.ofSeconds(10));
            cluster.holds(() -> cluster.manager.snapshot().state().hostState("node1") == HostState.ONLINE,
                    Duration.ofSeconds(5), "node1 stays online");
            assertEquals(-1, cluster.sequenceOf(EventMatch.aboutHost(EventKind.HOST_FENCED, "node1")), cluster.recent());
            assertTrue(cluster.sequenceOf(EventMatch.done("stop web on node1")) > 0, "the stop tried again worked");
            assertEquals(List.of("node1"), cluster.status("cache").activeOn(), "cache stays where it ran");
            assertEquals(1, cluster.datacenter.maxActiveHosts("web"));
            assertEquals(List.of(), cluster.datacenter.violations());
        } finally {
            cluster.close();
        }
    }

    /**
     * node1 unclean for web's failed stop, its fence failing; then node1 goes into maintenance and its fence device
     * works again: node1 is in maintenance, still to be fenced when it ends, not fenced, and web and cache stay.
     */
    private VirtualCluster toBeFencedThenInMaintenance() {
        VirtualCluster cluster = start(new VirtualCluster(), Map.of());
        cluster.datacenter.failFence("node1", true);
        cluster.datacenter.failNext(Operation.STOP, "web", 1);
        banWebFromNode1(cluster);
        cluster.until(() -> fenceFailures(cluster) >= 1, Duration.ofSeconds(10));
        assertEquals(HostState.UNCLEAN, cluster.manager.snapshot().state().hostState("node1"));
        cluster.manager.setMaintenance(Scope.HOST, "node1", true);
        cluster.datacenter.failFence("node1", false);
        cluster.until(() -> cluster.manager.snapshot().state().hostState("node1") == HostState.MAINTENANCE,
                Duration.ofSeconds(1));
        cluster.holds(() -> cluster.manager.snapshot().state().hostState("node1") == HostState.MAINTENANCE
                && cluster.datacenter.activeHosts("web").equals(List.of("node1"))
                && cluster.datacenter.activeHosts("cache").equals(List.of("node1")), Duration.ofSeconds(30),
                "node1 in maintenance, web and cache left on it");
        assertEquals(-1, cluster.sequenceOf(EventMatch.aboutHost(EventKind.HOST_FENCED, "node1")), cluster.recent());
        String reason = cluster.manager.snapshot().state().hosts().get("node1").reason();
        assertTrue(reason.contains("to be fenced when it ends") && reason.contains("the stop of web failed"), reason);
        return cluster;
    }

    private static void banWebFromNode1(VirtualCluster cluster) {
        cluster.file(ConfigPids.CONSTRAINT, "web-not-on-node1", "type", "location", "resource", "web", "host", "node1",
                "score", "-INFINITY");
    }

    private static long fenceFailures(VirtualCluster cluster) {
        return cluster.manager.events(2000).stream()
                .filter(e -> e.kind() == EventKind.FENCE_FAILED && e.severity() == ClusterEvent.Severity.ERROR).count();
    }

    /** web and cache started on node2 only after node1 was fenced, never on two hosts; node1 is off. */
    private static void assertRecoveredOnNode2OnlyAfter(ClusterEvent fenced, List<ClusterEvent> events,
                                                        VirtualCluster cluster) {
        for (String vm : List.of("web", "cache")) {
            assertTrue(first(events, EventMatch.done("start " + vm + " on node2")) > fenced.sequence(),
                    vm + " started on node2 only after node1 was fenced: " + cluster.recent());
            assertEquals(1, cluster.datacenter.maxActiveHosts(vm), vm + " never ran on two hosts");
        }
        assertEquals(List.of(), cluster.datacenter.violations());
        assertEquals(HostState.OFFLINE, cluster.manager.snapshot().state().hostState("node1"));
    }

    private static ClusterEvent only(List<ClusterEvent> events, Predicate<ClusterEvent> match, VirtualCluster cluster) {
        List<ClusterEvent> found = events.stream().filter(match).toList();
        assertEquals(1, found.size(), "exactly one: " + found + "\n" + cluster.recent());
        return found.get(0);
    }

    private static long first(List<ClusterEvent> events, Predicate<ClusterEvent> match) {
        return events.stream().filter(match).mapToLong(ClusterEvent::sequence).min().orElse(-1);
    }

    /** Two hosts, each with a plug of the simulator's power switch as its fence device; web and cache on node1. */
    private VirtualCluster start(VirtualCluster cluster, Map<String, String> settings) {
        LaggingSim driver = new LaggingSim(cluster.driver, cluster.time).withoutFencing();
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim");
        for (String host : List.of("node1", "node2")) {
            if (cluster.datacenter.hosts().stream().noneMatch(h -> h.name().equals(host))) {
                cluster.datacenter.addHost(host, new Capacity(16, 65536));
            }
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
            cluster.file(ConfigPids.FENCE, host + "-plug", "host", host, "agent", AGENT, "plug", host);
        }
        cluster.file(ConfigPids.RESOURCE, "web", "cpus", "1", "memory.mb", "512", "migratable", "false");
        cluster.file(ConfigPids.RESOURCE, "cache", "cpus", "1", "memory.mb", "512", "migratable", "false");
        cluster.manager.bindFenceDeviceFactory(plugs(cluster), Map.of());
        cluster.manager.bindDriverFactory(driver);
        Map<String, String> all = new HashMap<>(Map.of("settle.ms", "0", "observe.interval.ms", "100",
                "placement.strategy", "first-fit", "journal.path", dir.resolve("journal.mv").toString()));
        all.putAll(settings);
        cluster.manager.start(all);
        cluster.until(() -> cluster.allRunning(List.of("web", "cache")), Duration.ofSeconds(5));
        assertEquals("node1", cluster.hostOf("web"));
        assertEquals("node1", cluster.hostOf("cache"));
        return cluster;
    }

    private static PlugFence plugs(VirtualCluster cluster) {
        return new PlugFence(AGENT,
                plug -> cluster.datacenter.hosts().stream().noneMatch(h -> h.name().equals(plug) && h.poweredOn()),
                plug -> {
                    cluster.datacenter.fenceDevice(plug).powerOff();
                    return null;
                },
                plug -> {
                    cluster.datacenter.fenceDevice(plug).powerOn();
                    return null;
                });
    }
}
