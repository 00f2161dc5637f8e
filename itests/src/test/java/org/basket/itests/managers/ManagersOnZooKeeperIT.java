package org.basket.itests.managers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.basket.driver.sim.world.WorldAction;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

/**
 * Three Basket managers as real processes (three copies of the built distribution) on a real three-server
 * ZooKeeper ensemble and one simulated world process ({@link ManagerCluster}). Each case is checked through the
 * world: its safety record (no VM ever active on two hosts) and its record of actions (no action done twice, and who
 * acted when). The cases run in the order of their names on one cluster, each starting from every manager running
 * with one leader: 20 VMs run on node1 until the first case drains it; each later case loses a host of its own.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ManagersOnZooKeeperIT {
    private static ManagerCluster cluster;

    @BeforeClass
    public static void startCluster() throws IOException {
        cluster = ManagerCluster.start(ManagerCluster.workDirectory(), Path.of(System.getProperty("basket.distribution")));
    }

    @AfterClass
    public static void stopCluster() {
        if (cluster != null) {
            System.out.println("fences (power off) by host: " + cluster.fences());
            cluster.close();
        }
    }

    /** Every manager running, one leading, every VM running once. */
    @Before
    public void everyManagerRunsAndOneLeads() throws IOException {
        for (ManagerProcess manager : cluster.managers) {
            if (!manager.running()) {
                cluster.startAndAwaitMember(manager);
            }
        }
        try {
            cluster.awaitOneLeader();
            await("every VM running once", () -> cluster.everyVmRunsOnceAvoiding(List.of()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + cluster.logs(), e);
        }
    }

    @Test
    public void case1_theLeaderKilledDuringADrainOf20VmsIsReplacedWithin5sAndTheDrainCompletesWithNothingDoneTwice() {
        assertEquals("the 20 VMs run on node1", ManagerCluster.VMS.size(), cluster.placement().values().stream()
                .filter(hosts -> hosts.equals(List.of("node1"))).count());
        ManagerProcess leader = cluster.awaitOneLeader();
        long epoch = cluster.epochOf(leader);

        String standby = leader.shell("ha:host-standby node1");
        await("4 VMs migrated off node1 after: " + standby, () -> migratedOff("node1") >= 4);
        long killed = System.currentTimeMillis();
        leader.kill();
        long gone = System.currentTimeMillis();
        await("the drain completes: every VM off node1", () -> cluster.everyVmRunsOnceAvoiding(List.of("node1")));

        WorldAction firstAfterKill = cluster.actionsSince(gone).get(0);
        long failover = firstAfterKill.receivedMillis() - killed;
        ManagerProcess successor = cluster.awaitOneLeader();
        System.out.println("leader killed during a drain -> new leader acting: " + failover + " ms (" + firstAfterKill + ")");
        assertTrue("the new leader first acted " + failover + " ms after the kill: " + firstAfterKill, failover <= 5_000);
        assertNotEquals(leader.id, successor.id);
        assertEquals(epoch + 1, cluster.epochOf(successor));
        assertEquals("each VM migrated off node1 once", ManagerCluster.VMS.size(), migratedOff("node1"));
        assertNothingDoneTwiceNorOnTwoHosts();
    }

    @Test
    public void case2_aPausedLeaderDoesNotActOnceContinuedAfterTheNewLeaderActed() {
        ManagerProcess leader = cluster.awaitOneLeader();
        String host = cluster.busiestOf(List.of("node2", "node3", "node4", "node5"));
        long crashed = System.currentTimeMillis();
        cluster.world.crashHost(host);
        await("the leader acts on the crash of " + host, () -> !cluster.actionsSince(crashed).isEmpty());
        leader.signal("STOP");
        ManagerProcess successor = awaitSuccessorActing(leader, host);

        long resumed = System.currentTimeMillis();
        leader.signal("CONT");
        await(leader.id + " follows again", () -> role(leader).equals("FOLLOWER"));
        sleepMs(2 * ManagerCluster.LEASE_MS);

        assertEquals("actions in the world after " + leader.id + " was continued", List.of(),
                cluster.actionsSince(resumed));
        assertEquals(List.of(), actionsDoneBy(leader, resumed));
        assertEquals("LEADER", role(successor));
        assertTrue(host + " fenced: " + cluster.fences(), cluster.fences().containsKey(host));
        assertNothingDoneTwiceNorOnTwoHosts();
    }

    @Test
    public void case3_aLeaderCutOffFromZooKeeperStopsWithinItsLeaseAndDoesNotActOnceBack() {
        ManagerProcess leader = cluster.awaitOneLeader();
        String host = cluster.busiestOf(List.of("node2", "node3", "node4", "node5"));
        long crashed = System.currentTimeMillis();
        cluster.world.crashHost(host);
        await("the leader acts on the crash of " + host, () -> !cluster.actionsSince(crashed).isEmpty());
        long cut = System.currentTimeMillis();
        cluster.cutOff(leader);
        ManagerProcess successor;
        try {
            successor = awaitSuccessorActing(leader, host);
        } finally {
            cluster.reconnect(leader);
        }
        long reconnected = System.currentTimeMillis();
        await(leader.id + " follows again", () -> role(leader).equals("FOLLOWER"));
        sleepMs(2 * ManagerCluster.LEASE_MS);

        assertEquals("actions of " + leader.id + " after its lease ran out, while cut off and after", List.of(),
                actionsDoneBy(leader, cut + ManagerCluster.LEASE_MS));
        assertEquals("actions in the world after " + leader.id + " was back", List.of(), cluster.actionsSince(reconnected));
        assertEquals("LEADER", role(successor));
        assertNothingDoneTwiceNorOnTwoHosts();
    }

    @Test
    public void case4_withoutAQuorumEveryManagerStopsActingAndSaysSoAndTheVmsRunOn() throws IOException {
        String host = cluster.busiestOf(List.of("node2", "node3", "node4", "node5"));
        Map<String, List<String>> before = cluster.placement();
        cluster.zooKeeper.kill(0);
        cluster.zooKeeper.kill(1);
        try {
            for (ManagerProcess manager : cluster.managers) {
                await(manager.id + " says it does not act", () -> manager.standing().contains("not acting"));
            }
            long crashed = System.currentTimeMillis();
            cluster.world.crashHost(host);
            sleepMs(3 * (ManagerCluster.SESSION_MS + ManagerCluster.LEASE_MS));

            assertEquals("actions without a quorum", List.of(), cluster.actionsSince(crashed));
            for (ManagerProcess manager : cluster.managers) {
                await(manager.id + " announced by an ALERT that it is not sure it leads", () -> {
                    List<String> roles = manager.events("manager_role");
                    String last = roles.isEmpty() ? "" : roles.get(roles.size() - 1);
                    return last.contains(" ERROR ALERT: ") && last.contains("not sure");
                });
            }
            before.forEach((vm, hosts) -> {
                if (!hosts.contains(host)) {
                    assertEquals(vm + " runs on", hosts, cluster.placement().get(vm));
                }
            });
        } finally {
            cluster.zooKeeper.start(0);
            cluster.zooKeeper.start(1);
        }
        cluster.zooKeeper.awaitServing();
        cluster.awaitOneLeader();
        await("the VMs of " + host + " restarted once the quorum is back", () -> cluster.everyVmRunsOnceAvoiding(List.of()));
        assertNothingDoneTwiceNorOnTwoHosts();
    }

    @Test
    public void case5_aFollowerKilledChangesNothing() {
        ManagerProcess leader = cluster.awaitOneLeader();
        long epoch = cluster.epochOf(leader);
        ManagerProcess follower = cluster.others(leader).get(0);
        long killed = System.currentTimeMillis();
        follower.kill();
        await(follower.id + "'s session expired", () -> !cluster.members().containsKey(follower.id));
        sleepMs(ManagerCluster.SESSION_MS + 2 * ManagerCluster.LEASE_MS);

        assertEquals(leader, cluster.awaitOneLeader());
        assertEquals(epoch, cluster.epochOf(leader));
        assertEquals("actions after a follower was killed", List.of(), cluster.actionsSince(killed));
    }

    @Test
    public void case6_allManagersRestartedWithoutTheirLocalStateRestoreItFromZooKeeperAndMoveNothing() throws IOException {
        ManagerProcess leader = cluster.awaitOneLeader();
        List<String> crashed = cluster.world.hosts().stream().filter(h -> !h.poweredOn()).map(h -> h.name()).toList();
        crashed.forEach(cluster.world::powerOn);
        await("the hosts crashed before are back: " + crashed, () -> leader.shell("ha:hosts").lines()
                .filter(l -> crashed.stream().anyMatch(h -> l.startsWith(h + " "))).allMatch(l -> l.contains("online")));
        long epoch = cluster.epochOf(leader);
        Map<String, List<String>> before = cluster.placement();
        for (ManagerProcess manager : cluster.managers) {
            manager.kill();
            Files.delete(manager.home.resolve("data/basket/journal.mv"));
        }
        long restarted = System.currentTimeMillis();
        for (ManagerProcess manager : cluster.managers) {
            cluster.startAndAwaitMember(manager);
        }
        String[] hosts = {""};
        await("the leader shows node1 in standby, as the shared state has it", () -> {
            hosts[0] = cluster.awaitOneLeader().shell("ha:hosts");
            return hosts[0].lines().anyMatch(l -> l.matches("node1 +\\| standby .*"));
        }, () -> "ha:hosts on the leader:\n" + hosts[0]);
        sleepMs(3 * ManagerCluster.LEASE_MS);

        assertTrue(cluster.epochOf(cluster.awaitOneLeader()) > epoch);
        assertEquals("actions after the restart", List.of(), cluster.actionsSince(restarted));
        assertEquals(before, cluster.placement());
    }

    // ---- helpers

    /** Waits until another manager leads and every VM runs once, none on {@code lost}; returns the new leader. */
    private static ManagerProcess awaitSuccessorActing(ManagerProcess old, String lost) {
        await("a new leader restarted the VMs of " + lost, () -> cluster.members().entrySet().stream()
                .anyMatch(m -> !m.getKey().equals(old.id) && m.getValue().getProperty("role").equals("LEADER"))
                && cluster.everyVmRunsOnceAvoiding(List.of("node1", lost)));
        return cluster.others(old).stream().filter(m -> role(m).equals("LEADER")).findFirst().orElseThrow();
    }

    private static String role(ManagerProcess manager) {
        java.util.Properties record = cluster.members().get(manager.id);
        return record == null ? "" : record.getProperty("role", "");
    }

    /** The actions a manager's own events say it did (ACTION_DONE) at or after {@code millis}. */
    private static List<String> actionsDoneBy(ManagerProcess manager, long millis) {
        return manager.events("action_done").stream().filter(e -> time(e) >= millis).toList();
    }

    private static long time(String event) {
        return Instant.parse(event.substring(0, event.indexOf(' '))).toEpochMilli();
    }

    private static long migratedOff(String host) {
        return cluster.world.actions().stream().filter(a -> a.succeeded() && a.request().get(0).equals("migrate")
                && a.request().get(2).equals(host)).count();
    }

    private static void assertNothingDoneTwiceNorOnTwoHosts() {
        assertEquals("actions done twice", Map.of(), cluster.doneTwice());
        assertEquals("the world's record of VMs active on two hosts", List.of(), cluster.world.violations());
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        await(what, condition, () -> "");
    }

    private static void await(String what, java.util.function.BooleanSupplier condition,
            java.util.function.Supplier<String> shown) {
        try {
            Processes.await(what, ManagerCluster.PATIENCE, condition, () -> shown.get() + "\n" + cluster.describe());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + cluster.logs(), e);
        }
    }

    private static void sleepMs(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
