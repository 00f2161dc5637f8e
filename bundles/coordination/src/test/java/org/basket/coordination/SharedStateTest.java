package org.basket.coordination;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.StaleEpochException;
import org.basket.api.coordination.StateLimitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The epoch-conditional shared state and the managers' configuration checks, on one real ZooKeeper server. */
class SharedStateTest {
    @RegisterExtension
    static final ManagersOnZooKeeper ZK = new ManagersOnZooKeeper("shared-state");

    @Test
    void theLeaderWritesReadsAndDeletesUnderItsEpoch() throws Exception {
        ZooKeeperCoordination leader = ZK.manager("m1", "/writes");
        long epoch = awaitLeading(leader);
        ZooKeeperSharedState state = new ZooKeeperSharedState(leader, Clients.acl(ZK.settings("m1", "/writes")));

        state.write(epoch, "failcount/db@node1", bytes("2"));
        state.write(epoch, "failcount/web@node2", bytes("1"));
        state.write(epoch, "flag/maintenance", bytes("on"));
        state.write(epoch, "failcount/db@node1", bytes("3"));
        state.delete(epoch, "flag/maintenance");
        state.delete(epoch, "flag/never-written");

        assertEquals("3", text(state.read("failcount/db@node1").orElseThrow()));
        assertTrue(state.read("flag/maintenance").isEmpty());
        assertEquals(Set.of("failcount/db@node1", "failcount/web@node2"), state.readAll("failcount/").keySet());
        assertEquals(2, state.readAll("").size());
    }

    @Test
    void aWriteOfAnOlderEpochFailsAndLeavesNothing() throws Exception {
        ZooKeeperCoordination first = ZK.manager("m1", "/stale");
        long old = awaitLeading(first);
        ZooKeeperSharedState oldState = new ZooKeeperSharedState(first, Clients.acl(ZK.settings("m1", "/stale")));
        oldState.write(old, "intent", bytes("old leader"));
        ZooKeeperCoordination second = ZK.manager("m2", "/stale");
        await().until(() -> second.role().kind() == Role.Kind.FOLLOWER);

        ZK.close(first);
        long current = awaitLeading(second);
        ZooKeeperSharedState state = new ZooKeeperSharedState(second, Clients.acl(ZK.settings("m2", "/stale")));

        assertEquals(old + 1, current);
        StaleEpochException refused = assertThrows(StaleEpochException.class,
                () -> state.write(old, "intent", bytes("late write of the old leader")));
        assertEquals(old, refused.epoch());
        assertThrows(StaleEpochException.class, () -> state.write(old, "another", bytes("x")));
        assertThrows(StaleEpochException.class, () -> state.delete(old, "intent"));
        assertThrows(StaleEpochException.class, () -> state.reserve(old, "events", 10));
        assertEquals("old leader", text(state.read("intent").orElseThrow()));
        assertTrue(state.read("another").isEmpty());
        state.write(current, "intent", bytes("new leader"));
        assertEquals("new leader", text(state.read("intent").orElseThrow()));
    }

    @Test
    void reservationsNeverHandOutANumberTwice() throws Exception {
        ZooKeeperCoordination leader = ZK.manager("m1", "/counters");
        long epoch = awaitLeading(leader);
        ZooKeeperSharedState state = new ZooKeeperSharedState(leader, Clients.acl(ZK.settings("m1", "/counters")));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Long>>> reservers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            reservers.add(pool.submit(() -> {
                List<Long> firsts = new ArrayList<>();
                for (int j = 0; j < 25; j++) {
                    firsts.add(state.reserve(epoch, "events", 10));
                }
                return firsts;
            }));
        }
        TreeSet<Long> numbers = new TreeSet<>();
        for (Future<List<Long>> reserver : reservers) {
            for (long first : reserver.get()) {
                for (long n = first; n < first + 10; n++) {
                    assertTrue(numbers.add(n), "handed out twice: " + n);
                }
            }
        }
        pool.shutdown();

        assertEquals(1000, numbers.size());
        assertEquals(1, numbers.first());
        assertEquals(1001, state.reserve(epoch, "events", 1));
    }

    @Test
    void boundsAreEnforcedWithClearErrors() throws Exception {
        ZooKeeperCoordination leader = ZK.manager("m1", "/bounds");
        long epoch = awaitLeading(leader);
        ZooKeeperSharedState state = new ZooKeeperSharedState(leader, Clients.acl(ZK.settings("m1", "/bounds")), 3);

        StateLimitException tooBig = assertThrows(StateLimitException.class,
                () -> state.write(epoch, "big", new byte[ZooKeeperSharedState.MAX_VALUE_BYTES + 1]));
        StateLimitException badKey = assertThrows(StateLimitException.class,
                () -> state.write(epoch, "no spaces", bytes("x")));
        for (String key : List.of("a", "b", "c")) {
            state.write(epoch, key, bytes(key));
        }
        StateLimitException full = assertThrows(StateLimitException.class, () -> state.write(epoch, "d", bytes("d")));
        state.write(epoch, "a", bytes("an existing key may still change"));

        assertEquals("value of big refused: 262145 bytes, at most 262144", tooBig.getMessage());
        assertTrue(badKey.getMessage().contains("'no spaces' is not 1 to 200 characters"), badKey.getMessage());
        assertEquals("write of d refused: the shared state holds 3 keys, its most", full.getMessage());
        assertEquals(3, state.readAll("").size());
    }

    @Test
    void withDigestAuthenticationOtherClientsCannotChangeTheState() throws Exception {
        Map<String, String> secured = Map.of("auth.digest.secret", "basket:s3cret");
        ZooKeeperCoordination leader = ZK.manager("m1", "/secured", secured);
        long epoch = awaitLeading(leader);
        ZooKeeperSharedState state = new ZooKeeperSharedState(leader,
                Clients.acl(ZK.settings("m1", "/secured", secured)));
        state.write(epoch, "intent", bytes("x"));

        ZooKeeper stranger = new ZooKeeper(ZK.server().connect(), 3000, event -> { });
        try {
            await().until(() -> stranger.getState().isConnected());
            assertThrows(KeeperException.NoAuthException.class,
                    () -> stranger.setData("/secured/state/intent", bytes("forged"), -1));
            assertThrows(KeeperException.NoAuthException.class,
                    () -> stranger.setData("/secured/epoch", bytes("epoch=99"), -1));
        } finally {
            stranger.close();
        }
        assertEquals("x", text(state.read("intent").orElseThrow()));
    }

    @Test
    void anUnreachableEnsembleIsNotSureNamingIt() throws Exception {
        int nobody = Processes.freePort();
        ZooKeeperCoordination lonely = ZK.manager("m1", "/nowhere", Map.of("zookeeper.connect", "127.0.0.1:" + nobody));

        Role role = lonely.role();
        assertEquals(Role.Doubt.UNREACHABLE, role.doubt());
        assertEquals("connecting to ZooKeeper at 127.0.0.1:" + nobody, role.detail());
        assertFalse(lonely.leadsAt(1));
    }

    @Test
    void aSessionTimeoutTheServersCutBelowTheLeaseIsABadConfiguration() throws Exception {
        ZooKeeperCoordination misfit = ZK.manager("m1", "/cut",
                Map.of("session.timeout.ms", "6000", "lease.ms", "3000"));

        await().until(() -> misfit.role().doubt() == Role.Doubt.BAD_CONFIGURATION);
        assertEquals("the ensemble granted a session timeout of 3000 ms, not longer than lease.ms = 3000 (raise the "
                + "servers' maxSessionTimeout or lower the lease)", misfit.role().detail());
    }

    @Test
    void twoManagersOfOneIdAreABadConfigurationForTheSecond() throws Exception {
        ZooKeeperCoordination first = ZK.manager("twin", "/twins");
        awaitLeading(first);
        ZooKeeperCoordination second = ZK.manager("twin", "/twins");

        await().until(() -> second.role().doubt() == Role.Doubt.BAD_CONFIGURATION);
        assertTrue(second.role().detail().startsWith("manager.id twin is already taken by another manager"),
                second.role().detail());
        assertEquals(1, first.members().size());
    }

    private static long awaitLeading(ZooKeeperCoordination coordination) {
        long epoch = ManagersOnZooKeeper.awaitLeading(coordination);
        assertTrue(coordination.leadsAt(epoch));
        return epoch;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
