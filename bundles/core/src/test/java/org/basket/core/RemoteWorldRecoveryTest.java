package org.basket.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.SimulatedHost;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.driver.sim.world.RemoteDatacenter;
import org.basket.testsupport.WorldProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager outside OSGi on a simulated world process (3 hosts, 4 VMs), which the test reaches on its
 * own connection: a host crashed in the world is fenced through the world's BMC, then its VMs restart on
 * the others, none before the fence, and the world records no VM ever active on two hosts.
 */
class RemoteWorldRecoveryTest {
    private static final List<String> VMS = List.of("vm1", "vm2", "vm3", "vm4");
    private final ClusterManager manager = new ClusterManager();
    private WorldProcess world;
    private RemoteDatacenter faults;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        world = WorldProcess.start(0, "--latency-ms", "0");
        faults = new RemoteDatacenter(new InetSocketAddress("127.0.0.1", world.port()));
        file(ConfigPids.DRIVER, "sim", "type", "sim", "world", world.address(), "latency.ms", "5", "migration.ms", "50");
        for (String host : List.of("node1", "node2", "node3")) {
            file(ConfigPids.HOST, host, "driver", "sim");
        }
        for (String vm : VMS) {
            file(ConfigPids.RESOURCE, vm, "cpus", "1", "memory.mb", "512");
        }
        manager.bindDriverFactory(new SimDriverFactory(new SimulatedDatacenter()));
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "500", "host.dead.timeout.ms", "1000",
                "journal.path", dir.resolve("journal.mv").toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> VMS.stream().allMatch(vm -> runningOn(vm).size() == 1));
    }

    @AfterEach
    void stop() throws Exception {
        manager.stop();
        faults.close();
        world.close();
    }

    @Test
    void aHostCrashedInTheWorldIsFencedThenItsVmsRestartOnTheOthers() {
        String victim = runningOn("vm1").get(0);
        List<String> lost = VMS.stream().filter(vm -> runningOn(vm).contains(victim)).toList();
        long before = manager.events(1).get(0).sequence();

        faults.crashHost(victim);

        await().atMost(Duration.ofSeconds(30)).until(() -> VMS.stream().allMatch(vm -> runningOn(vm).size() == 1
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
        assertEquals(List.of(), faults.violations(), "the world's record of VMs active on two hosts");
    }

    /** Where the world runs the VM now. */
    private List<String> runningOn(String vm) {
        return faults.hosts().stream().filter(host -> host.domains().get(vm) != null && host.domains().get(vm).isActive())
                .map(SimulatedHost::name).toList();
    }

    private static Optional<ClusterEvent> first(List<ClusterEvent> events, java.util.function.Predicate<ClusterEvent> which) {
        return events.stream().filter(which).min(java.util.Comparator.comparingLong(ClusterEvent::sequence));
    }

    private void file(String factoryPid, String name, String... keyValues) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("felix.fileinstall.filename", "file:/etc/" + factoryPid + "-" + name + ".cfg");
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        manager.store().update(factoryPid, "pid-" + factoryPid + "-" + name, raw);
    }
}
