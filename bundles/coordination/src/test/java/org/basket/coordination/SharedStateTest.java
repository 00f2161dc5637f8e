package org.basket.coordination;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.basket.api.config.ConfigException;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.StaleEpochException;
import org.basket.api.coordination.StateLimitException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The epoch-conditional shared state and the managers' configuration checks, on one real ZooKeeper server. */
class SharedStateTest {
    private static ZooKeeperEnsemble server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = ZooKeeperEnsemble.start("shared-state", 1, "maxSessionTimeout=3000");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeManagers() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void theLeaderWritesReadsAndDeletesUnderItsEpoch() throws Exception {
        ZooKeeperCoordination leader = manager("m1", "/writes");
        long epoch = awaitLeading(leader);
        ZooKeeperSharedState state = new ZooKeeperSharedState(leader, Clients.acl(settings("m1", "/writes")));

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
        ZooKeeperCoordination first = manager("m1", "/stale");
        long old = awaitLeading(first);
        ZooKeeperSharedState oldState = new ZooKeeperSharedState(first, Clients.acl(settings("m1", "/stale")));
        oldState.write(old, "intent", bytes("old leader"));
        ZooKeeperCoordination second = manager("m2", "/stale");
        await().until(() -> second.role().kind() == Role.Kind.FOLLOWER);

        first.close();
        opened.remove(first);
        long current = awaitLeading(second);
        ZooKeeperSharedState state = new ZooKeeperSharedState(second, Clients.acl(settings("m2", "/stale")));

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
        ZooKeeperCoordination leader = manager("m1", "/counters");
        long epoch = awaitLeading(leader);
        ZooKeeperSharedState state = new ZooKeeperSharedState(leader, Clients.acl(settings("m1", "/counters")));
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
        ZooKeeperCoordination leader = manager("m1", "/bounds");
        long epoch = awaitLeading(leader);
        ZooKeeperSharedState state = new ZooKeeperSharedState(leader, Clients.acl(settings("m1", "/bounds")), 3);

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
        ZooKeeperCoordination leader = manager("m1", "/secured", secured);
        long epoch = awaitLeading(leader);
        ZooKeeperSharedState state = new ZooKeeperSharedState(leader, Clients.acl(settings("m1", "/secured", secured)));
        state.write(epoch, "intent", bytes("x"));

        ZooKeeper stranger = new ZooKeeper(server.connect(), 3000, event -> { });
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
        ZooKeeperCoordination lonely = manager("m1", "/nowhere", Map.of("zookeeper.connect", "127.0.0.1:" + nobody));

        Role role = lonely.role();
        assertEquals(Role.Doubt.UNREACHABLE, role.doubt());
        assertEquals("connecting to ZooKeeper at 127.0.0.1:" + nobody, role.detail());
        assertFalse(lonely.leadsAt(1));
    }

    @Test
    void aSessionTimeoutTheServersCutBelowTheLeaseIsABadConfiguration() throws Exception {
        ZooKeeperCoordination misfit = manager("m1", "/cut", Map.of("session.timeout.ms", "6000", "lease.ms", "3000"));

        await().until(() -> misfit.role().doubt() == Role.Doubt.BAD_CONFIGURATION);
        assertEquals("the ensemble granted a session timeout of 3000 ms, not longer than lease.ms = 3000 (raise the "
                + "servers' maxSessionTimeout or lower the lease)", misfit.role().detail());
    }

    @Test
    void twoManagersOfOneIdAreABadConfigurationForTheSecond() throws Exception {
        ZooKeeperCoordination first = manager("twin", "/twins");
        awaitLeading(first);
        ZooKeeperCoordination second = manager("twin", "/twins");

        await().until(() -> second.role().doubt() == Role.Doubt.BAD_CONFIGURATION);
        assertTrue(second.role().detail().startsWith("manager.id twin is already taken by another manager"),
                second.role().detail());
        assertEquals(1, first.members().size());
    }

    private ZooKeeperCoordination manager(String id, String chroot) {
        return manager(id, chroot, Map.of());
    }

    private ZooKeeperCoordination manager(String id, String chroot, Map<String, String> extra) {
        ZooKeeperCoordination coordination = ZooKeeperCoordination.start(settings(id, chroot, extra));
        opened.add(coordination);
        return coordination;
    }

    private static CoordinationSettings settings(String id, String chroot) {
        return settings(id, chroot, Map.of());
    }

    private static CoordinationSettings settings(String id, String chroot, Map<String, String> extra) {
        try {
            return read(id, chroot, extra);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    private static CoordinationSettings read(String id, String chroot, Map<String, String> extra) throws ConfigException {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("mode", "zookeeper", "manager.id", id,
                "zookeeper.connect", server.connect(), "zookeeper.chroot", chroot, "session.timeout.ms", "2000",
                "lease.ms", "600"));
        properties.putAll(extra);
        return CoordinationSettings.from(properties);
    }

    private static long awaitLeading(ZooKeeperCoordination coordination) {
        await().atMost(Duration.ofSeconds(20)).until(() -> coordination.role().kind() == Role.Kind.LEADER);
        long epoch = coordination.role().epoch();
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
