package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import org.basket.api.cluster.History;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.SharedState;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Host;
import org.basket.core.config.ConfigPids;
import org.basket.core.journal.EpochState;
import org.basket.core.journal.FenceRecord;
import org.basket.core.journal.Journal;
import org.basket.core.journal.OperationRecord;
import org.basket.core.journal.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ha:history's service method: the fencing and operation history filtered by host and resource, cut to a limit, read on
 * the leader from its journal and on a manager that does not lead from what the leader shared.
 */
class HistoryTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> VMS = List.of("vm1", "vm2", "vm3");

    @TempDir
    Path dir;

    private static OperationRecord op(String action, String host, int second) {
        return new OperationRecord(action, host, T.plusSeconds(second), Duration.ofMillis(20), Outcome.SUCCEEDED, "");
    }

    private final HistoryQuery query = new HistoryQuery("test",
            List.of(new FenceRecord("node2", "ipmi", Outcome.SUCCEEDED, T.plusSeconds(2), ""),
                    new FenceRecord("gone", "every level", Outcome.FAILED, T.plusSeconds(1), "no answer")),
            List.of(op("start db on node1", "node1", 0), op("migrate db from node1 to node2", "node1", 3),
                    op("stop web on node2", "node2", 4), op("fence node2", "node2", 5),
                    op("monitor web on node3", "node3", 6)));
    private final ClusterConfig config = ClusterConfig.of(List.of(new Host("node1", "sim", "", Map.of()),
            new Host("node2", "sim", "", Map.of()), new Host("node3", "sim", "", Map.of())), List.of(), List.of());

    private static List<String> actions(History history) {
        return history.entries().stream().map(History.Entry::action).toList();
    }

    @Test
    void entriesAreOldestFirstWithTheResourceReadFromTheAction() {
        History all = query.query(null, null, 1000, config);
        assertEquals(List.of("start db on node1", "fence gone", "fence node2", "migrate db from node1 to node2",
                "stop web on node2", "fence node2", "monitor web on node3"), actions(all));
        assertEquals(List.of("db", "", "", "db", "web", "", "web"),
                all.entries().stream().map(History.Entry::resource).toList());
        History.Entry fence = all.entries().get(1);
        assertEquals(new History.Entry(History.Kind.FENCE, T.plusSeconds(1), "gone", "", "fence gone", "every level",
                History.Outcome.FAILED, Duration.ZERO, "no answer"), fence);
        assertEquals(0, all.omitted());
        assertEquals("test", all.source());
    }

    @Test
    void aHostKeepsItsFencesTheOperationsOnItAndTheMigrationsToIt() {
        assertEquals(List.of("fence node2", "migrate db from node1 to node2", "stop web on node2", "fence node2"),
                actions(query.query("node2", null, 1000, config)));
        assertEquals(List.of("start db on node1", "migrate db from node1 to node2"),
                actions(query.query("node1", null, 1000, config)));
        assertEquals(List.of("fence gone"), actions(query.query("gone", null, 1000, config)),
                "a host no longer configured but in the history");
    }

    @Test
    void aResourceKeepsItsOperationsAndBothFiltersApplyTogether() {
        assertEquals(List.of("start db on node1", "migrate db from node1 to node2"),
                actions(query.query(null, "db", 1000, config)));
        assertEquals(List.of("stop web on node2"), actions(query.query("node2", "web", 1000, config)));
    }

    @Test
    void theLimitKeepsTheNewestAndCountsTheOthers() {
        History last = query.query(null, null, 2, config);
        assertEquals(List.of("fence node2", "monitor web on node3"), actions(last));
        assertEquals(5, last.omitted());
    }

    @Test
    void unknownNamesAndLimitsOutOfRangeAreRefused() {
        assertEquals("unknown host 'nosuch': neither configured nor in the history",
                assertThrows(IllegalArgumentException.class, () -> query.query("nosuch", null, 5, config)).getMessage());
        assertEquals("unknown resource 'nosuch': neither configured nor in the history",
                assertThrows(IllegalArgumentException.class, () -> query.query(null, "nosuch", 5, config)).getMessage());
        assertEquals("the limit must be from 1 to 1000, not 0",
                assertThrows(IllegalArgumentException.class, () -> query.query(null, null, 0, config)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> query.query(null, null, 1001, config));
        assertEquals(List.of(), actions(query.query("node3", "db", 5, config)), "known, but nothing matches");
    }

    @Test
    void onlyTheActionsTheSchedulerWritesHaveAResource() {
        assertEquals("vm1", HistoryQuery.resourceOf("start vm1 on node1"));
        assertEquals("vm1", HistoryQuery.resourceOf("migrate vm1 from node1 to node2"));
        assertEquals("", HistoryQuery.resourceOf("fence node1"));
        assertEquals("", HistoryQuery.resourceOf("start vm1"));
        assertEquals("", HistoryQuery.resourceOf("reboot vm1 on node1"));
    }

    @Test
    void aLongOrMultiLineFailureIsOneBoundedLine() {
        String message = "refused:\n" + "x".repeat(2000);
        History history = new HistoryQuery("test", List.of(), List.of(new OperationRecord("start db on node1", "node1", T,
                Duration.ZERO, Outcome.FAILED, message))).query(null, null, 1, config);
        String detail = history.entries().get(0).detail();
        assertEquals(HistoryQuery.MAX_DETAIL, detail.length());
        assertTrue(detail.startsWith("refused: xxx") && detail.endsWith("..."), detail);
    }

    @Test
    void aManagerAloneWithoutAJournalSaysItKeepsNone() {
        VirtualCluster alone = new VirtualCluster();
        try {
            configure(alone);
            alone.start(Map.of("settle.ms", "0", "observe.interval.ms", "50"));
            alone.until(() -> alone.allRunning(VMS), Duration.ofSeconds(10));
            History history = alone.manager.history(null, null, 30);
            assertEquals("no journal: this manager keeps no history", history.source());
            assertEquals(List.of(), history.entries());
        } finally {
            alone.close();
        }
    }

    @Test
    void theLeaderReadsItsJournalAndAFollowerWhatTheLeaderShared() throws Exception {
        EpochState shared = new EpochState();
        VirtualCluster leader = new VirtualCluster();
        VirtualCluster follower = new VirtualCluster(leader.datacenter);
        String host;
        try {
            start(leader, shared, Role.leader(1, T), "leader.mv");
            leader.until(() -> leader.allRunning(VMS), Duration.ofSeconds(10));
            host = leader.hostOf("vm1");
            start(follower, shared, Role.follower(1, "m0", T), "follower.mv");
            leader.datacenter.crashHost(host);
            leader.until(() -> leader.allRunning(VMS) && !leader.hostOf("vm1").equals(host), Duration.ofSeconds(10));
            String to = leader.hostOf("vm1");

            History own = leader.manager.history(host, null, 30);
            assertEquals("this manager's journal", own.source());
            History.Entry fence = own.entries().stream().filter(e -> e.kind() == History.Kind.FENCE).findFirst()
                    .orElseThrow(() -> new AssertionError(own));
            assertEquals("sim-bmc:" + host, fence.device());
            assertEquals(History.Outcome.SUCCEEDED, fence.outcome());
            History restart = leader.manager.history(to, "vm1", 30);
            assertTrue(actions(restart).contains("start vm1 on " + to), restart.toString());

            History followers = follower.manager.history(host, null, 30);
            assertEquals("what the leader shared (the last 10 records of each host)", followers.source());
            assertEquals(own.entries().stream().filter(e -> e.kind() == History.Kind.FENCE).toList(),
                    followers.entries().stream().filter(e -> e.kind() == History.Kind.FENCE).toList());
            assertTrue(actions(follower.manager.history(to, "vm1", 30)).contains("start vm1 on " + to));
        } finally {
            follower.close();
            leader.close();
        }
        try (Journal journal = Journal.open(dir.resolve("follower.mv"))) {
            assertEquals(List.of(), journal.fenceHistory(100), "the follower showed the leader's, not its own");
        }
    }

    @Test
    void aFollowerThatCannotReadWhatTheLeaderSharedSaysItShowsItsOwnJournal() {
        EpochState state = new EpochState();
        SharedState unreadable = new SharedState() {
            @Override
            public void write(long epoch, String key, byte[] value) throws CoordinationException {
                state.write(epoch, key, value);
            }

            @Override
            public void delete(long epoch, String key) throws CoordinationException {
                state.delete(epoch, key);
            }

            @Override
            public Optional<byte[]> read(String key) {
                return state.read(key);
            }

            @Override
            public SortedMap<String, byte[]> readAll(String prefix) throws CoordinationException {
                throw new CoordinationException("ensemble unreachable");
            }

            @Override
            public long reserve(long epoch, String counter, int count) throws CoordinationException {
                return state.reserve(epoch, counter, count);
            }
        };
        VirtualCluster follower = new VirtualCluster();
        try {
            start(follower, unreadable, Role.follower(1, "m0", T), "follower.mv");
            History history = follower.manager.history(null, null, 30);
            assertEquals("this manager's own journal, as this manager does not lead and what the leader shared cannot "
                    + "be read (ensemble unreachable)", history.source());
        } finally {
            follower.close();
        }
    }

    private void start(VirtualCluster cluster, SharedState shared, Role role, String journal) {
        configure(cluster);
        cluster.manager.bindCoordination(new SettableCoordination(role));
        cluster.manager.bindSharedState(shared);
        cluster.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "300",
                "journal.path", dir.resolve(journal).toString()));
    }

    private static void configure(VirtualCluster cluster) {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim", "latency.ms", "0", "migration.ms", "0");
        for (String host : List.of("node1", "node2", "node3")) {
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        VMS.forEach(vm -> cluster.file(ConfigPids.RESOURCE, vm, "cpus", "1"));
    }
}
