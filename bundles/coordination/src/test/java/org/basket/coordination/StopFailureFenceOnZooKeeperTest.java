package org.basket.coordination;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.coordination.Role;
import org.basket.api.model.Capacity;
import org.basket.api.model.HostState;
import org.basket.core.FencingManager;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.world.WorldServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed stop fences its host with several managers on a real ZooKeeper server, both drivers on one simulated world:
 * the leader records the need to fence (a shared host flag) and dies before it could fence; the follower showed the
 * host unclean already, and as the next leader keeps it so and fences it before anything of it starts elsewhere.
 */
class StopFailureFenceOnZooKeeperTest {
    private static final List<String> VMS = List.of("vm1", "vm2");

    @RegisterExtension
    static final ManagersOnZooKeeper ZK = new ManagersOnZooKeeper("stop-failure-fence");

    @TempDir
    Path dir;

    @Test
    void theNextLeaderKeepsAHostWhoseStopFailedUncleanAndFencesItBeforeRecoveringItsVms() throws Exception {
        SimulatedDatacenter world = new SimulatedDatacenter();
        world.setLatency(Duration.ZERO);
        for (String host : List.of("n1", "n2")) {
            world.addHost(host, new Capacity(8, 16 * 1024));
        }
        for (String vm : VMS) {
            world.start("n1", vm);
        }
        world.failFence("n1", true); // the first leader cannot fence n1 before it dies
        world.failNext(Operation.STOP, "vm1", 1);
        WorldServer served = ZK.closedAfterTest(new WorldServer(world, 0, Duration.ofSeconds(10)));
        String address = "127.0.0.1:" + served.port();

        FencingManager first = manager("m1", address);
        await().atMost(Duration.ofSeconds(20)).until(() -> first.role().kind() == Role.Kind.LEADER);
        await().atMost(Duration.ofSeconds(30)).until(() -> unclean(first) && any(first, e ->
                e.kind() == EventKind.FENCE_FAILED && e.severity() == ClusterEvent.Severity.ERROR));
        FencingManager next = manager("m2", address);
        await().atMost(Duration.ofSeconds(20)).until(() -> next.role().kind() == Role.Kind.FOLLOWER);
        await().atMost(Duration.ofSeconds(10)).until(() -> unclean(next));
        assertTrue(reason(next).contains("the stop of vm1 failed on n1"), "the follower shows why: " + reason(next));

        ZK.close(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> next.role().kind() == Role.Kind.LEADER);
        assertTrue(unclean(next), "the new leader keeps n1 unclean: " + reason(next));
        for (long end = System.nanoTime() + Duration.ofSeconds(2).toNanos(); System.nanoTime() < end; Thread.sleep(50)) {
            assertTrue(unclean(next) && world.activeHosts("vm1").equals(List.of("n1"))
                    && world.activeHosts("vm2").equals(List.of("n1")), "n1 unclean, its VMs left there while its "
                    + "fence fails: " + recent(next.events()));
        }
        world.failFence("n1", false);
        await().atMost(Duration.ofSeconds(90)).until(() -> VMS.stream()
                .allMatch(vm -> world.activeHosts(vm).equals(List.of("n2"))));

        List<ClusterEvent> events = next.events();
        long fenced = first(events, e -> e.kind() == EventKind.HOST_FENCED && "n1".equals(e.host()));
        assertTrue(fenced > 0, "the new leader fenced n1: " + recent(events));
        for (String vm : VMS) {
            long started = first(events, e -> e.kind() == EventKind.ACTION_DONE && e.action().equals("start " + vm
                    + " on n2"));
            assertTrue(started > fenced, vm + " started on n2 only after n1 was fenced: " + recent(events));
            assertEquals(1, world.maxActiveHosts(vm), vm + " never ran on two hosts");
        }
        assertTrue(world.hosts().stream().noneMatch(h -> h.name().equals("n1") && h.poweredOn()), "n1 is off");
        assertEquals(List.of(), world.violations());
        assertEquals(-1, first(first.events(), e -> e.kind() == EventKind.HOST_FENCED), "the first leader never fenced");
    }

    private FencingManager manager(String id, String world) throws Exception {
        FencingManager manager = ZK.closedAfterTest(new FencingManager(id, ZK.server().connect(), "/stop-failure"));
        manager.start(world, List.of("n1", "n2"), VMS, Map.of("vm1", "n1"), dir.resolve(id + ".mv"));
        return manager;
    }

    private static boolean unclean(FencingManager manager) {
        return manager.snapshot().state().hostState("n1") == HostState.UNCLEAN;
    }

    private static String reason(FencingManager manager) {
        var host = manager.snapshot().state().hosts().get("n1");
        return host == null ? "" : host.reason();
    }

    private static boolean any(FencingManager manager, Predicate<ClusterEvent> match) {
        return first(manager.events(), match) > 0;
    }

    private static List<ClusterEvent> recent(List<ClusterEvent> events) {
        return events.subList(0, Math.min(20, events.size()));
    }

    private static long first(List<ClusterEvent> events, Predicate<ClusterEvent> match) {
        return events.stream().filter(match).mapToLong(ClusterEvent::sequence).min().orElse(-1);
    }
}
