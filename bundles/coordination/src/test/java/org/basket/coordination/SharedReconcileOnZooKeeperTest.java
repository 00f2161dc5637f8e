package org.basket.coordination;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.basket.api.coordination.Role;
import org.basket.api.model.Capacity;
import org.basket.core.SharingManager;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.world.WorldServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host observation shared out between two real managers on a real ZooKeeper server and one simulated world that both
 * drivers connect to: an event lost on the leader's connection only is found through the follower's news, the leader
 * leaves the covered hosts' reconciles to the follower and takes them back once the follower stops sweeping; with
 * {@code observation.sharing = false} nothing is shared.
 */
class SharedReconcileOnZooKeeperTest {
    private static final List<String> HOSTS = List.of("n1", "n2", "n3", "n4");
    private static ZooKeeperEnsemble server;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private SimulatedDatacenter world;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = ZooKeeperEnsemble.start("shared-reconcile", 1, "maxSessionTimeout=3000");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    @Test
    void anEventLostOnTheLeadersConnectionOnlyIsFoundThroughTheFollowersNews() throws Exception {
        String address = world();
        Map<String, String> settings = Map.of("reconcile.interval.ms", Long.toString(Duration.ofDays(1).toMillis()));
        SharingManager leader = manager("m1", "/lost-event", address, settings);
        awaitRole(leader, Role.Kind.LEADER);
        SharingManager follower = manager("m2", "/lost-event", address, settings);
        awaitRole(follower, Role.Kind.FOLLOWER);
        await().atMost(Duration.ofSeconds(30)).until(() -> seesEveryVm(leader) && seesEveryVm(follower));
        leader.loseEventsOf("vm-n2-1"::equals);
        long boots = world.boots("vm-n2-1");

        world.crashDomain("vm-n2-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> world.boots("vm-n2-1") > boots
                && world.activeHosts("vm-n2-1").size() == 1);
        assertTrue(leader.sharing()[0] >= 1, "the leader polled n2 on the follower's news: " + leader.sharing()[0]);
        assertEquals(List.of(), world.violations(), "never on two hosts");

        long dropped = leader.sharing()[1];
        long taken = leader.sharing()[0];
        follower.report(List.of("no-such-host", "n3"));
        await().atMost(Duration.ofSeconds(10)).until(() -> leader.sharing()[1] > dropped && leader.sharing()[0] > taken);
        assertEquals(taken + 1, leader.sharing()[0], "only the configured host is polled");
    }

    @Test
    void theLeaderLeavesTheReconcilesToTheFollowerAndTakesThemBackWithinTwoIntervalsOfItsLastSweep() throws Exception {
        String address = world();
        Duration interval = Duration.ofSeconds(3);
        Map<String, String> settings = Map.of("reconcile.interval.ms", Long.toString(interval.toMillis()));
        SharingManager leader = manager("m1", "/coverage", address, settings);
        awaitRole(leader, Role.Kind.LEADER);
        SharingManager follower = manager("m2", "/coverage", address, settings);
        awaitRole(follower, Role.Kind.FOLLOWER);
        await().atMost(Duration.ofSeconds(30)).until(() -> seesEveryVm(leader) && seesEveryVm(follower)
                && leader.sharing()[2] >= HOSTS.size());

        Map<String, Long> before = listings(leader);
        Map<String, Long> followerBefore = listings(follower);
        Thread.sleep(interval.multipliedBy(3).toMillis());
        Map<String, Long> during = listings(leader);
        for (String host : HOSTS) {
            assertTrue(during.get(host) - before.get(host) <= 1, "the leader reconciled " + host + " itself at most once "
                    + "in three intervals: " + before + " -> " + during);
            assertTrue(follower.listings(host) - followerBefore.get(host) >= 2, "the follower reconciles " + host);
        }

        follower.stopLoop(); // dead mid-sweep; its session lives on, its progress node ages on the ensemble's clock
        long stopped = System.nanoTime();
        Map<String, Long> atStop = listings(leader);
        // coverage ends two intervals after the last sweep; the leader's own reconcile of each host is then due
        // within one more interval, at the host's phase, seen at the next look: four intervals leave one of margin
        await().atMost(interval.multipliedBy(4)).until(() -> HOSTS.stream()
                .allMatch(h -> leader.listings(h) >= atStop.get(h) + 1));
        long tookMs = (System.nanoTime() - stopped) / 1_000_000;
        assertTrue(tookMs <= interval.multipliedBy(4).toMillis(), "every host reconciled by the leader again within "
                + "two intervals, one reconcile period and a margin: " + tookMs + " ms");
    }

    @Test
    void withObservationSharingOffTheLeaderReconcilesEveryHostItselfAndTheFollowerSweepsNothing() throws Exception {
        String address = world();
        Duration interval = Duration.ofSeconds(2);
        Map<String, String> settings = Map.of("reconcile.interval.ms", Long.toString(interval.toMillis()),
                "observation.sharing", "false");
        SharingManager leader = manager("m1", "/sharing-off", address, settings);
        awaitRole(leader, Role.Kind.LEADER);
        SharingManager follower = manager("m2", "/sharing-off", address, settings);
        awaitRole(follower, Role.Kind.FOLLOWER);
        await().atMost(Duration.ofSeconds(30)).until(() -> seesEveryVm(leader) && seesEveryVm(follower));

        Map<String, Long> before = listings(leader);
        Thread.sleep(interval.multipliedBy(3).toMillis());
        Map<String, Long> during = listings(leader);
        for (String host : HOSTS) {
            assertTrue(during.get(host) - before.get(host) >= 2, "the leader reconciled " + host + " itself every "
                    + "interval: " + before + " -> " + during);
        }
        assertEquals(0, leader.sharing()[2], "no reconcile left to the follower");
        assertEquals(0, follower.sharing()[3], "the follower swept nothing");
    }

    private String world() throws Exception {
        world = new SimulatedDatacenter();
        world.setLatency(Duration.ZERO);
        for (String host : HOSTS) {
            world.addHost(host, new Capacity(8, 16 * 1024));
            for (int v = 1; v <= 2; v++) {
                world.start(host, "vm-" + host + "-" + v);
            }
        }
        WorldServer served = new WorldServer(world, 0, Duration.ofSeconds(10));
        opened.add(served::close);
        return "127.0.0.1:" + served.port();
    }

    private SharingManager manager(String id, String chroot, String world, Map<String, String> settings) throws Exception {
        SharingManager manager = new SharingManager(id, server.connect(), chroot);
        opened.add(manager);
        Map<String, List<String>> vms = new TreeMap<>();
        HOSTS.forEach(h -> vms.put(h, List.of("vm-" + h + "-1", "vm-" + h + "-2")));
        manager.start(world, vms, dir.resolve(id + ".mv"), settings);
        return manager;
    }

    private static void awaitRole(SharingManager manager, Role.Kind kind) {
        await().atMost(Duration.ofSeconds(20)).until(() -> manager.role().kind() == kind);
    }

    private static boolean seesEveryVm(SharingManager manager) {
        var resources = manager.snapshot().state().resources();
        return resources.size() == 8 && resources.values().stream().allMatch(r -> r.activeOn().size() == 1);
    }

    private static Map<String, Long> listings(SharingManager manager) {
        Map<String, Long> counts = new TreeMap<>();
        HOSTS.forEach(h -> counts.put(h, manager.listings(h)));
        return counts;
    }
}
