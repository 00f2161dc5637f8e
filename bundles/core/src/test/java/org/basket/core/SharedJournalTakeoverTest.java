package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.coordination.Role;
import org.basket.api.model.HostState;
import org.basket.core.config.ConfigPids;
import org.basket.core.journal.EpochState;
import org.basket.core.journal.Journal;
import org.basket.core.journal.Outcome;
import org.basket.core.journal.SharedJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several managers share the fail counts and flags through the coordination's shared state: a new leader takes over
 * what the one before recorded, and a deposed leader that has not noticed can record nothing, so it does not act.
 */
class SharedJournalTakeoverTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> VMS = List.of("vm1", "vm2", "vm3");
    private final EpochState shared = new EpochState();

    @TempDir
    Path dir;

    @Test
    void aNewLeaderTakesOverTheFlagsAndFailCountsOfTheOneBefore() {
        VirtualCluster first = leaderOf(new VirtualCluster(), 1, "first.mv");
        first.manager.setStandby("node3", true);
        first.until(() -> first.manager.snapshot().state().resources().values().stream()
                .noneMatch(r -> r.activeOn().contains("node3")), Duration.ofSeconds(10));
        String host = first.hostOf("vm1");
        first.datacenter.crashDomain("vm1");
        first.until(() -> first.status("vm1").failCount(host) == 1 && first.allRunning(VMS), Duration.ofSeconds(10));
        long lastOfFirst = first.lastSequence();
        first.close();

        shared.elect(2);
        VirtualCluster next = leaderOf(new VirtualCluster(first.datacenter), 2, "next.mv");
        try {
            next.until(() -> next.manager.snapshot().state().hostState("node3") == HostState.STANDBY,
                    Duration.ofSeconds(5));
            assertEquals(1, next.status("vm1").failCount(host), "the fail count the first leader recorded");
            ClusterEvent takeover = next.manager.events(2000).stream().filter(e -> e.kind() == EventKind.MANAGER_ROLE
                    && e.message().equals("took over the shared journal in epoch 2: 1 flag(s), fail counts of 1 "
                            + "resource(s)")).findFirst().orElseThrow(() -> new AssertionError(next.recent()));
            assertTrue(takeover.sequence() > lastOfFirst, "the new leader's events number after the old one's: "
                    + takeover.sequence() + " > " + lastOfFirst);
            next.holds(() -> next.manager.snapshot().state().resources().values().stream()
                    .noneMatch(r -> r.activeOn().contains("node3")), Duration.ofSeconds(2), "node3 stays drained");
        } finally {
            next.close();
        }
        assertEquals(List.of(), first.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void aNewLeaderTakesAHostTheOldOneFencedAsOffWithoutFencingItAgainAndKeepsTheHistories() throws Exception {
        VirtualCluster first = leaderOf(new VirtualCluster(), 1, "first.mv");
        String host = first.hostOf("vm1");
        first.datacenter.crashHost(host);
        first.until(() -> first.allRunning(VMS) && !first.hostOf("vm1").equals(host), Duration.ofSeconds(10));
        assertTrue(first.sequenceOf(fencedBy(host)) > 0, first.recent());
        assertEquals(Map.of(host, "sim-bmc:" + host), new SharedJournal(shared, 1).fenced(), "shared before any recovery");
        first.close();

        shared.elect(2);
        first.datacenter.failFence(host, true); // a new leader that tried to fence or probe the host again would fail
        VirtualCluster next = leaderOf(new VirtualCluster(first.datacenter), 2, "next.mv");
        try {
            assertEquals(HostState.OFFLINE, next.manager.snapshot().state().hostState(host));
            next.holds(() -> next.manager.snapshot().state().hostState(host) == HostState.OFFLINE, Duration.ofSeconds(2),
                    host + " stays off for the new leader");
            assertTrue(next.manager.events(2000).stream().anyMatch(e -> e.kind() == EventKind.HOST_FENCED
                    && e.message().equals("host " + host + " was fenced by sim-bmc:" + host + " under the previous leader and has "
                            + "not answered since: taken as off")), next.recent());
            assertEquals(-1, next.sequenceOf(fencedBy(host)), "the new leader did not fence it again");
            assertEquals(-1, next.sequenceOf(e -> e.kind() == EventKind.FENCE_FAILED || e.kind() == EventKind.HOST_DEAD),
                    next.recent());
        } finally {
            next.close();
        }
        try (Journal journal = Journal.open(dir.resolve("next.mv"))) {
            assertTrue(journal.fenceHistory(100).stream().anyMatch(f -> f.host().equals(host)
                    && f.device().equals("sim-bmc:" + host) && f.outcome() == Outcome.SUCCEEDED), journal.fenceHistory(100)
                    .toString());
            assertTrue(journal.operations(100).stream().anyMatch(o -> o.action().startsWith("start vm1 on ")
                    && o.result() == Outcome.SUCCEEDED), "the first leader's restart of vm1: "
                    + journal.operations(100));
        }
    }

    @Test
    void aHostThatAnsweredAgainIsNoLongerTakenAsFencedAndTheNextLeaderFencesItItself() throws Exception {
        VirtualCluster first = leaderOf(new VirtualCluster(), 1, "first.mv");
        String host = first.hostOf("vm1");
        first.datacenter.crashHost(host);
        first.until(() -> first.allRunning(VMS) && first.sequenceOf(fencedBy(host)) > 0, Duration.ofSeconds(10));
        first.datacenter.powerOn(host);
        first.until(() -> first.manager.snapshot().state().hostState(host) == HostState.ONLINE, Duration.ofSeconds(5));
        first.advance(Duration.ofMillis(200));
        assertEquals(Map.of(), new SharedJournal(shared, 1).fenced(), "the host answered: no longer off");
        first.close();

        first.datacenter.crashHost(host);
        shared.elect(2);
        VirtualCluster next = leaderOf(new VirtualCluster(first.datacenter), 2, "next.mv");
        try {
            next.until(() -> next.sequenceOf(fencedBy(host)) > 0, Duration.ofSeconds(10));
            assertEquals(-1, next.sequenceOf(e -> e.message().contains("under the previous leader")), next.recent());
        } finally {
            next.close();
        }
        assertEquals(List.of(), first.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void aFollowerWhoseDefinitionsDifferFromTheLeadersSaysSo() {
        VirtualCluster leader = leaderOf(new VirtualCluster(), 1, "leader.mv");
        VirtualCluster follower = new VirtualCluster(leader.datacenter);
        try {
            configure(follower);
            follower.file(ConfigPids.RESOURCE, "vm4", "cpus", "1");
            follower.manager.bindCoordination(new SettableCoordination(Role.follower(1, "m0", T)));
            follower.manager.bindSharedState(shared);
            follower.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "journal.path",
                    dir.resolve("follower.mv").toString()));
            follower.until(() -> follower.manager.snapshot().manager().contains("definitions differ"),
                    Duration.ofSeconds(5));

            assertTrue(follower.manager.snapshot().manager().matches("manager m1 follows manager m0 \\(epoch 1\\): it "
                    + "observes, the leader acts; its definitions differ from the leader's \\(digest [0-9a-f]{16} here, "
                    + "[0-9a-f]{16} on the leader\\): it would act on its own if it took over"),
                    follower.manager.snapshot().manager());
            assertTrue(follower.manager.events(2000).stream().anyMatch(e -> e.kind() == EventKind.MANAGER_ROLE
                    && e.severity() == ClusterEvent.Severity.ERROR && e.message().contains("definitions differ")));

            follower.manager.store().delete("pid-" + ConfigPids.RESOURCE + "-vm4");
            follower.manager.configChanged();
            follower.until(() -> !follower.manager.snapshot().manager().contains("differ"), Duration.ofSeconds(5));
        } finally {
            follower.close();
            leader.close();
        }
    }

    @Test
    void aFollowerShowsTheFlagsTheLeaderSharedAndKeepsItsOwnJournalUntilItLeads() throws Exception {
        VirtualCluster leader = leaderOf(new VirtualCluster(), 1, "leader.mv");
        VirtualCluster follower = new VirtualCluster(leader.datacenter);
        try {
            configure(follower);
            follower.manager.bindCoordination(new SettableCoordination(Role.follower(1, "m0", T)));
            follower.manager.bindSharedState(shared);
            follower.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "journal.path",
                    dir.resolve("follower.mv").toString()));
            follower.holds(() -> follower.manager.snapshot().state().hostState("node3") != HostState.STANDBY,
                    Duration.ofMillis(300), "no flag shared yet");

            leader.manager.setStandby("node3", true);
            leader.manager.setMaintenance(org.basket.api.cluster.ClusterService.Scope.RESOURCE, "vm2", true);
            follower.until(() -> follower.manager.snapshot().state().hostState("node3") == HostState.STANDBY
                    && follower.status("vm2").maintenance(), Duration.ofSeconds(2));

            leader.manager.setStandby("node3", false);
            follower.until(() -> follower.manager.snapshot().state().hostState("node3") != HostState.STANDBY,
                    Duration.ofSeconds(2));
            assertTrue(follower.status("vm2").maintenance(), "the flag still shared is still shown");
        } finally {
            follower.close();
            leader.close();
        }
        try (Journal own = Journal.open(dir.resolve("follower.mv"))) {
            assertEquals(java.util.Set.of(), own.flags(), "shown, not written to the follower's own journal");
        }
    }

    @Test
    void aFollowerComparesTheLeadersDigestEveryTurnNotOnlyWhenItsOwnConfigurationChanges() {
        VirtualCluster leader = leaderOf(new VirtualCluster(), 1, "leader.mv");
        VirtualCluster follower = new VirtualCluster(leader.datacenter);
        try {
            configure(follower);
            follower.manager.bindCoordination(new SettableCoordination(Role.follower(1, "m0", T)));
            follower.manager.bindSharedState(shared);
            follower.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "journal.path",
                    dir.resolve("follower.mv").toString()));
            follower.holds(() -> !follower.manager.snapshot().manager().contains("differ"), Duration.ofMillis(500),
                    "the same definitions");

            leader.file(ConfigPids.RESOURCE, "vm4", "cpus", "1");
            leader.manager.configChanged();
            leader.until(() -> leader.allRunning(List.of("vm4")), Duration.ofSeconds(5));
            follower.until(() -> follower.manager.snapshot().manager().contains("definitions differ"),
                    Duration.ofMillis(200)); // its observe interval, with nothing changed on the follower

            leader.manager.store().delete("pid-" + ConfigPids.RESOURCE + "-vm4");
            leader.manager.configChanged();
            leader.until(() -> leader.manager.snapshot().config().resources().size() == 3, Duration.ofSeconds(5));
            leader.advance(Duration.ofMillis(200));
            follower.until(() -> !follower.manager.snapshot().manager().contains("differ"), Duration.ofMillis(200));
        } finally {
            follower.close();
            leader.close();
        }
    }

    @Test
    void aDeposedLeaderThatHasNotNoticedRecordsNothingAndSoDoesNotAct() {
        VirtualCluster deposed = leaderOf(new VirtualCluster(), 1, "deposed.mv");
        try {
            long before = deposed.lastSequence();
            shared.elect(2); // a newer leader elsewhere; this one's role still says epoch 1

            deposed.datacenter.crashDomain("vm2");
            deposed.advance(Duration.ofSeconds(3));

            List<ClusterEvent> after = deposed.manager.events(2000).stream().filter(e -> e.sequence() > before).toList();
            assertTrue(after.stream().anyMatch(e -> e.kind() == EventKind.JOURNAL && e.message().contains(
                    "cannot be shared with the other managers (epoch 1): write of journal/failures/vm2 refused: epoch 1 "
                            + "is no longer the latest")), deposed.recent());
            assertTrue(after.stream().noneMatch(e -> e.kind() == EventKind.TRANSITION_STARTED), deposed.recent());
            assertTrue(deposed.status("vm2").activeOn().isEmpty(), "the deposed leader did not restart vm2");
        } finally {
            deposed.close();
        }
    }

    /** The manager's own fence of the host (not one it took over). */
    private static Predicate<ClusterEvent> fencedBy(String host) {
        return e -> e.kind() == EventKind.HOST_FENCED && e.message().equals("host " + host + " fenced by sim-bmc:" + host);
    }

    /** Starts the manager as the leader of {@code epoch} on the shared state, with a journal of its own. */
    private VirtualCluster leaderOf(VirtualCluster cluster, long epoch, String journal) {
        configure(cluster);
        cluster.manager.bindCoordination(new SettableCoordination(Role.leader(epoch, T)));
        cluster.manager.bindSharedState(shared);
        Map<String, Object> settings = new HashMap<>(Map.of("settle.ms", "0", "observe.interval.ms", "50",
                "host.dead.timeout.ms", "300", "journal.path", dir.resolve(journal).toString()));
        cluster.start(settings);
        cluster.until(() -> cluster.allRunning(VMS), Duration.ofSeconds(10));
        return cluster;
    }

    private static void configure(VirtualCluster cluster) {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim", "latency.ms", "0", "migration.ms", "0");
        for (String host : List.of("node1", "node2", "node3")) {
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        VMS.forEach(vm -> cluster.file(ConfigPids.RESOURCE, vm, "cpus", "1"));
    }
}
