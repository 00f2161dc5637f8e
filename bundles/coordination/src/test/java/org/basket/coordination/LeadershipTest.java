package org.basket.coordination;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.basket.coordination.ContenderProcess.Line;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three managers, each a process of its own, on a real three-server ZooKeeper ensemble: one leads; a killed, paused or
 * cut-off leader is replaced by one of a new epoch only after its session expired and one lease was waited out, and
 * its late writes fail; without a quorum nobody is sure.
 */
class LeadershipTest {
    private static final long SESSION_MS = 2_000;
    private static final long LEASE_MS = 1_000;
    private static final long HEARTBEAT_MS = LEASE_MS / 4;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static ZooKeeperEnsemble ensemble;

    private final List<ContenderProcess> contenders = new ArrayList<>();
    private final List<String> cutOff = new ArrayList<>();
    private Path directory;

    @BeforeAll
    static void startEnsemble() throws IOException {
        ensemble = ZooKeeperEnsemble.start("leadership", 3);
    }

    @AfterAll
    static void stopEnsemble() {
        if (ensemble != null) {
            ensemble.close();
        }
    }

    @BeforeEach
    void ensembleServes() {
        ensemble.awaitServing();
        directory = Processes.workDirectory("contenders");
    }

    @AfterEach
    void stopContenders() {
        cutOff.forEach(address -> iptables("-D", address));
        contenders.forEach(ContenderProcess::close);
    }

    @Test
    void oneLeadsAndEachTakeoverAfterAKillRaisesTheEpochOnlyOnceTheSessionExpiredAndALeasePassed() throws IOException {
        start("/takeover", i -> "127.0.0.1");
        ContenderProcess first = awaitOneLeader(contenders);
        long firstEpoch = first.epoch();

        long killed = System.nanoTime();
        first.close();
        List<ContenderProcess> rest = others(first);
        ContenderProcess second = awaitOneLeader(rest);
        long secondKilled = System.nanoTime();
        second.close();
        ContenderProcess third = awaitOneLeader(others(first, second));

        assertEquals(firstEpoch + 1, second.epoch());
        assertEquals(firstEpoch + 2, third.epoch());
        long waited = second.firstRole("LEADER", firstEpoch + 1) - killed;
        assertTrue(waited >= ms(SESSION_MS + LEASE_MS - HEARTBEAT_MS),
                "took over " + waited / 1_000_000 + " ms after the kill, before session timeout + lease");
        assertTrue(third.firstRole("LEADER", firstEpoch + 2) - secondKilled >= ms(SESSION_MS + LEASE_MS - HEARTBEAT_MS));
    }

    @Test
    void aPausedLeaderNoLongerLeadsWhenItRunsAgainAndNeverWritesAfterTheNewLeader() throws Exception {
        start("/paused", i -> "127.0.0.1");
        ContenderProcess old = awaitOneLeader(contenders);
        long oldEpoch = old.epoch();
        await().atMost(PATIENCE).until(() -> old.ticksAfter(0).stream().anyMatch(t -> result(t).equals("OK")));

        Processes.signal(old.process, "STOP");
        ContenderProcess successor = awaitOneLeader(others(old));
        await().atMost(PATIENCE).until(() -> successor.ticksAfter(0).stream().anyMatch(t -> result(t).equals("OK")));
        long takeoverZxid = epochStat("/paused").getMzxid();
        long resumed = System.nanoTime();
        Processes.signal(old.process, "CONT");
        await().atMost(PATIENCE).until(() -> old.ticksAfter(resumed).stream().anyMatch(t -> result(t).equals("STALE")));

        assertEquals(oldEpoch + 1, successor.epoch());
        List<Line> afterResume = old.ticksAfter(resumed);
        assertTrue(afterResume.stream().noneMatch(LeadershipTest::leads), "leadsAt(old epoch) held after SIGCONT");
        assertTrue(afterResume.stream().noneMatch(t -> result(t).equals("OK")), "the paused leader wrote after SIGCONT");
        WriteOrder order = writeOrder("/paused", old.id, successor.id);
        assertTrue(order.lastOf(old.id) < takeoverZxid && takeoverZxid < order.firstOf(successor.id),
                "writes out of order: " + order);
    }

    @Test
    void aLeaderCutOffFromZooKeeperIsNotSureWithinItsLeaseAndItsWritesFailWhenItIsBack() throws Exception {
        start("/cutoff", i -> "127.0.0." + (21 + i));
        ContenderProcess cut = awaitOneLeader(contenders);
        long epoch = cut.epoch();
        String address = "127.0.0." + (21 + contenders.indexOf(cut));
        await().atMost(PATIENCE).until(() -> cut.ticksAfter(0).stream().anyMatch(t -> result(t).equals("OK")));

        long cutAt = System.nanoTime();
        iptables("-I", address);
        cutOff.add(address);
        await().atMost(PATIENCE).until(() -> cut.lastRole().words().get(0).equals("NOT_SURE"));
        long notSureAt = cut.firstRoleAfter("NOT_SURE", cutAt);
        ContenderProcess successor = awaitOneLeader(others(cut));
        await().atMost(PATIENCE).until(() -> successor.ticksAfter(0).stream().anyMatch(t -> result(t).equals("OK")));
        long takeoverZxid = epochStat("/cutoff").getMzxid();
        long reconnected = System.nanoTime();
        iptables("-D", address);
        cutOff.remove(address);
        await().atMost(PATIENCE).until(() -> cut.ticksAfter(reconnected).stream().anyMatch(t -> result(t).equals("STALE")));

        assertTrue(notSureAt - cutAt <= ms(LEASE_MS + HEARTBEAT_MS + 300),
                "NOT_SURE " + (notSureAt - cutAt) / 1_000_000 + " ms after the cut");
        assertTrue(cut.ticksAfter(cutAt + ms(LEASE_MS)).stream().noneMatch(LeadershipTest::leads),
                "leadsAt held beyond the lease after the cut");
        assertEquals(epoch + 1, successor.epoch());
        WriteOrder order = writeOrder("/cutoff", cut.id, successor.id);
        assertTrue(order.lastOf(cut.id) < takeoverZxid && takeoverZxid < order.firstOf(successor.id),
                "writes out of order: " + order);
    }

    @Test
    void withoutAQuorumNobodyIsSureAndWithItBackOneLeadsAgain() throws Exception {
        start("/quorum", i -> "127.0.0.1");
        ContenderProcess leader = awaitOneLeader(contenders);
        long epoch = leader.epoch();

        long lostAt = System.nanoTime();
        List<Line> beyondTheLease;
        try {
            ensemble.kill(0);
            ensemble.kill(1);
            await().atMost(PATIENCE).until(() -> contenders.stream()
                    .allMatch(c -> c.lastRole().words().get(0).equals("NOT_SURE")));
            await().atMost(PATIENCE).until(() -> leader.ticksAfter(lostAt + ms(LEASE_MS)).size() >= 3);
            beyondTheLease = leader.ticksAfter(lostAt + ms(LEASE_MS));
        } finally {
            ensemble.start(0);
            ensemble.start(1);
        }
        ensemble.awaitServing();
        ContenderProcess next = awaitOneLeader(contenders);

        assertTrue(beyondTheLease.stream().noneMatch(LeadershipTest::leads), "leadsAt held beyond the lease without a quorum");

        assertTrue(next.epoch() > epoch, "epoch " + next.epoch() + " after " + epoch);
    }

    private void start(String chroot, IntFunction<String> address) throws IOException {
        for (int i = 0; i < 3; i++) {
            contenders.add(new ContenderProcess("m" + (i + 1), directory, ensemble.connect(address.apply(i)), chroot,
                    SESSION_MS, LEASE_MS));
        }
    }

    /** Waits until exactly one of them leads and every other one follows; returns the leader. */
    private static ContenderProcess awaitOneLeader(List<ContenderProcess> among) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> among.stream()
                .filter(ContenderProcess::isLeader).count() == 1 && among.stream().filter(c -> !c.isLeader())
                        .allMatch(c -> c.lastRole().words().get(0).equals("FOLLOWER")));
        return among.stream().filter(ContenderProcess::isLeader).findFirst().orElseThrow();
    }

    private List<ContenderProcess> others(ContenderProcess... gone) {
        List<ContenderProcess> rest = new ArrayList<>(contenders);
        rest.removeAll(List.of(gone));
        return rest;
    }

    private static boolean leads(Line tick) {
        return tick.words().get(0).equals("true");
    }

    private static String result(Line tick) {
        return tick.words().get(2);
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Drops every TCP packet to and from the loopback address: that client is cut off from ZooKeeper. */
    private static void iptables(String action, String address) {
        Processes.run("iptables", action, "OUTPUT", "-p", "tcp", "-d", address, "-j", "DROP");
        Processes.run("iptables", action, "OUTPUT", "-p", "tcp", "-s", address, "-j", "DROP");
    }

    private static Stat epochStat(String chroot) throws Exception {
        try (ZooKeeper zk = client()) {
            return zk.exists(chroot + "/epoch", false);
        }
    }

    /** When each manager's successful writes landed, in ZooKeeper's own order (the zxid that created each key). */
    record WriteOrder(java.util.Map<String, long[]> zxids) {
        long lastOf(String id) {
            return zxids.getOrDefault(id, new long[] {Long.MIN_VALUE, Long.MIN_VALUE})[1];
        }

        long firstOf(String id) {
            return zxids.getOrDefault(id, new long[] {Long.MAX_VALUE, Long.MAX_VALUE})[0];
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            zxids.forEach((id, range) -> text.append(id).append(" ").append(Long.toHexString(range[0])).append("..")
                    .append(Long.toHexString(range[1])).append("; "));
            return text.toString();
        }
    }

    private static WriteOrder writeOrder(String chroot, String... ids) throws Exception {
        java.util.Map<String, long[]> zxids = new java.util.TreeMap<>();
        try (ZooKeeper zk = client()) {
            for (String child : zk.getChildren(chroot + "/state", false)) {
                String key = ZnodeLayout.keyOf(child);
                String id = key.substring(2, key.indexOf('-'));
                long zxid = zk.exists(chroot + "/state/" + child, false).getCzxid();
                long[] range = zxids.computeIfAbsent(id, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                range[0] = Math.min(range[0], zxid);
                range[1] = Math.max(range[1], zxid);
            }
        }
        for (String id : ids) {
            assertTrue(zxids.containsKey(id), id + " wrote nothing: " + zxids.keySet());
        }
        return new WriteOrder(zxids);
    }

    private static ZooKeeper client() throws Exception {
        ZooKeeper zk = new ZooKeeper(ensemble.connect(), 5_000, event -> { });
        await().atMost(PATIENCE).until(() -> zk.getState().isConnected());
        return zk;
    }
}
