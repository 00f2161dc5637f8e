package org.basket.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.driver.sim.world.RemoteDatacenter;
import org.basket.testsupport.WorldProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager outside OSGi on a simulated world process ({@link WorldCluster}: 3 hosts, 4 VMs), which the test
 * reaches on its own connection: a host crashed in the world is fenced through the world's BMC, then its VMs
 * restart on the others, none before the fence; a manager killed with SIGKILL leaves the world running, and the
 * manager started after it on the same journal adopts the VMs where they run. The world records no VM ever
 * active on two hosts.
 */
class RemoteWorldRecoveryTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ClusterManager manager = new ClusterManager();
    private WorldProcess world;
    private RemoteDatacenter faults;
    @TempDir
    Path dir;

    @BeforeEach
    void startWorld() throws Exception {
        world = WorldProcess.start(0, "--latency-ms", "0");
        faults = new RemoteDatacenter(new InetSocketAddress("127.0.0.1", world.port()));
    }

    @AfterEach
    void stop() throws Exception {
        manager.stop();
        faults.close();
        world.close();
    }

    @Test
    void aHostCrashedInTheWorldIsFencedThenItsVmsRestartOnTheOthers() {
        startManager();

        crashAHostAndAwaitRecovery();

        assertEquals(List.of(), faults.violations(), "the world's record of VMs active on two hosts");
    }

    @Test
    void aManagerKilledLeavesTheWorldRunningAndTheNextOneAdoptsItsVms() throws Exception {
        Process killed = WorldProcess.startJvm(ManagerOnWorldMain.class.getName(), String.valueOf(world.port()),
                dir.resolve("journal.mv").toString());
        Map<String, List<String>> placed = placement();

        killed.destroyForcibly().waitFor();

        assertEquals(placed, placement(), "the VMs run on where the killed manager left them");
        startManager();
        await().atMost(WAIT).until(() -> manager.progress().isIdle() && WorldCluster.VMS.stream().allMatch(vm ->
                manager.snapshot().state().resource(vm) != null && manager.snapshot().state().resource(vm).activeOn().size() == 1));
        assertEquals(placed, placement(), "the next manager moved nothing");
        assertEquals(List.of(), manager.events(500).stream().filter(e -> e.kind() == EventKind.ACTION_DONE).toList(),
                "the next manager started nothing: the world ran every VM");
        crashAHostAndAwaitRecovery();
        assertEquals(List.of(), faults.violations(), "the world's record of VMs active on two hosts");
    }

    private void startManager() {
        WorldCluster.start(manager, world.address(), dir.resolve("journal.mv"));
        await().atMost(WAIT).until(() -> WorldCluster.VMS.stream().allMatch(vm -> runningOn(vm).size() == 1));
    }

    private void crashAHostAndAwaitRecovery() {
        String victim = runningOn("vm1").get(0);
        List<String> lost = WorldCluster.VMS.stream().filter(vm -> runningOn(vm).contains(victim)).toList();
        long before = manager.events(1).get(0).sequence();

        faults.crashHost(victim);

        await().atMost(WAIT).until(() -> WorldCluster.VMS.stream().allMatch(vm -> runningOn(vm).size() == 1
                && !runningOn(vm).contains(victim)));
        List<ClusterEvent> events = manager.events(500).stream().filter(e -> e.sequence() > before).toList();
        long fenced = first(events, e -> e.kind() == EventKind.HOST_FENCED && victim.equals(e.host()))
                .orElseThrow(() -> new AssertionError("no fence of " + victim + ": " + events)).sequence();
        for (String vm : lost) {
            long started = first(events, e -> e.kind() == EventKind.ACTION_DONE && vm.equals(e.resource())
                    && e.action().startsWith("start ")).orElseThrow(() -> new AssertionError("no start of " + vm + ": " + events))
                    .sequence();
            assertTrue(fenced < started, vm + " started before " + victim + " was fenced: " + events);
        }
    }

    private Map<String, List<String>> placement() {
        Map<String, List<String>> placement = new TreeMap<>();
        WorldCluster.VMS.forEach(vm -> placement.put(vm, runningOn(vm)));
        return placement;
    }

    private List<String> runningOn(String vm) {
        return WorldCluster.runningOn(faults, vm);
    }

    private static Optional<ClusterEvent> first(List<ClusterEvent> events, Predicate<ClusterEvent> which) {
        return events.stream().filter(which).min(java.util.Comparator.comparingLong(ClusterEvent::sequence));
    }
}
