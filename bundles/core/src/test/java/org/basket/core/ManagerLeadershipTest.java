package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.coordination.Role;
import org.basket.api.fence.FenceException;
import org.basket.core.config.ConfigPids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control loop obeys the coordination: only a leader plans into action, every call is made only while its epoch
 * still leads, and a manager that does not lead refuses the operator's requests, saying who does. On virtual time.
 */
class ManagerLeadershipTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> VMS = List.of("vm1", "vm2", "vm3", "vm4", "vm5", "vm6");
    private final VirtualCluster cluster = new VirtualCluster();
    private final ClusterManager manager = cluster.manager;
    private final SettableCoordination coordination = new SettableCoordination(Role.follower(3, "m2", T));

    @BeforeEach
    void start() {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim", "migration.ms", "200");
        for (String host : List.of("node1", "node2", "node3")) {
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        for (String vm : VMS) {
            cluster.file(ConfigPids.RESOURCE, vm, "cpus", "1");
        }
        manager.bindCoordination(coordination);
        cluster.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "300",
                "parallel.actions", "1"));
    }

    @AfterEach
    void stop() {
        cluster.close();
        assertEquals(List.of(), cluster.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void aFollowerObservesAndPlansButNeverActsUntilItLeads() {
        cluster.holds(() -> VMS.stream().allMatch(vm -> cluster.status(vm).activeOn().isEmpty()), Duration.ofSeconds(3),
                "a follower starts nothing");
        assertEquals("manager m1 follows manager m2 (epoch 3): it observes, the leader acts", manager.snapshot().manager());
        assertEquals(3, manager.snapshot().state().hosts().size(), "the follower observes every host");

        coordination.become(Role.leader(4, T));

        cluster.until(() -> cluster.allRunning(VMS), Duration.ofSeconds(10));
        assertEquals("manager m1 leads in epoch 4", manager.snapshot().manager());
        assertEquals(List.of("manager m1 follows manager m2 (epoch 3): it observes, the leader acts",
                "manager m1 leads in epoch 4"), roleEvents());
    }

    @Test
    void aLeaderThatLosesItsLeaseStopsBeforeItsNextCallAndSaysSo() {
        coordination.become(Role.leader(4, T));
        cluster.until(() -> cluster.allRunning(VMS), Duration.ofSeconds(5));
        String drained = cluster.hostOf("vm1");
        long before = cluster.lastSequence();
        manager.setStandby(drained, true);
        cluster.until(() -> cluster.manager.progress().steps().stream().anyMatch(s -> s.action().startsWith("migrate ")),
                Duration.ofSeconds(5));

        coordination.become(Role.notSure(Role.Doubt.NO_CONTACT, "no answer within the lease", T));
        cluster.advance(Duration.ofSeconds(3));

        List<ClusterEvent> after = manager.events(2000).stream().filter(e -> e.sequence() > before).toList();
        assertTrue(after.stream().anyMatch(e -> e.kind() == EventKind.MANAGER_ROLE
                && e.severity() == ClusterEvent.Severity.ERROR
                && e.message().equals("ALERT: not acting: manager m1 is not sure it leads (NO_CONTACT: no answer within "
                        + "the lease)")), cluster.recent());
        long lost = after.stream().filter(e -> e.kind() == EventKind.MANAGER_ROLE).findFirst().orElseThrow().sequence();
        assertTrue(after.stream().noneMatch(e -> e.sequence() > lost && e.kind() == EventKind.ACTION_DONE
                && !e.action().startsWith("migrate ")), "nothing but the migrations already under way ended done after "
                        + "the lease ran out: " + cluster.recent());
        assertTrue(after.stream().noneMatch(e -> e.sequence() > lost && e.kind() == EventKind.TRANSITION_STARTED),
                cluster.recent());
        assertFalse(manager.snapshot().state().resources().values().stream()
                .allMatch(r -> !r.activeOn().contains(drained)), "the drain stopped: the leader is gone");
    }

    @Test
    void aLeaderWhoseLeaseRanOutBeforeItsRoleChangedStartsNoTransition() {
        coordination.become(Role.leader(4, T));
        cluster.until(() -> cluster.allRunning(VMS), Duration.ofSeconds(10));
        coordination.leadsOnly(5); // a newer leader's epoch: by its role this manager still leads 4
        long before = cluster.lastSequence();

        cluster.datacenter.crashDomain("vm2");
        cluster.advance(Duration.ofSeconds(2));

        List<ClusterEvent> after = manager.events(2000).stream().filter(e -> e.sequence() > before).toList();
        assertTrue(after.stream().anyMatch(e -> e.kind() == EventKind.MANAGER_ROLE && e.message().equals(
                "ALERT: not acting: manager m1 no longer leads epoch 4 within its lease")), cluster.recent());
        assertTrue(after.stream().noneMatch(e -> e.kind() == EventKind.TRANSITION_STARTED), cluster.recent());
        assertTrue(cluster.status("vm2").activeOn().isEmpty());
    }

    @Test
    void eachCallIsMadeOnlyWhileItsEpochStillLeads() {
        coordination.become(Role.leader(4, T));
        cluster.until(() -> cluster.allRunning(VMS), Duration.ofSeconds(10));
        coordination.revokeInActionThreads = true; // the lease runs out between the plan and the driver call
        long before = cluster.lastSequence();

        cluster.datacenter.crashDomain("vm2");
        cluster.advance(Duration.ofSeconds(2));

        List<ClusterEvent> after = manager.events(2000).stream().filter(e -> e.sequence() > before).toList();
        assertTrue(after.stream().anyMatch(e -> e.kind() == EventKind.ACTION_NOT_READY && e.resource().equals("vm2")
                && e.message().endsWith("not done: this manager no longer leads epoch 4: '" + e.action()
                        + "' is left to the leader")), cluster.recent());
        assertTrue(after.stream().noneMatch(e -> e.kind() == EventKind.ACTION_DONE), cluster.recent());
        assertTrue(cluster.status("vm2").activeOn().isEmpty());
        assertEquals(1, cluster.status("vm2").failCounts().values().stream().mapToInt(Integer::intValue).sum(),
                "the crash counts, the start not taken does not");
    }

    @Test
    void aManagerThatDoesNotLeadRefusesTheOperatorSayingWhoLeads() {
        cluster.advance(Duration.ofMillis(500));
        IllegalStateException standby = assertThrows(IllegalStateException.class, () -> manager.setStandby("node1", true));
        assertEquals("ha:host-standby/ha:host-online refused: manager m1 follows manager m2 (epoch 3): it observes, the "
                + "leader acts; run it on the leading manager", standby.getMessage());
        FenceException fence = assertThrows(FenceException.class, () -> manager.fence("node2"));
        assertEquals("not fenced: manager m1 follows manager m2 (epoch 3): it observes, the leader acts",
                fence.getMessage());
        assertTrue(cluster.datacenter.hosts().stream().allMatch(h -> h.poweredOn()), "no host was fenced");
        assertThrows(IllegalStateException.class, () -> manager.cancel());
        assertThrows(IllegalStateException.class, () -> manager.confirmFenced("node3"));
    }

    private List<String> roleEvents() {
        return manager.events(2000).stream().filter(e -> e.kind() == EventKind.MANAGER_ROLE).map(ClusterEvent::message)
                .toList();
    }
}
