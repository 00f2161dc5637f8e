package org.basket.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.ResourceStatus;
import org.basket.core.config.ConfigPids;
import org.basket.driver.powervm.internal.HmcSimulator;
import org.basket.driver.powervm.internal.HmcSsh;
import org.basket.driver.powervm.internal.PowervmDriverFactory;
import org.basket.fence.internal.FenceAgentFactory;
import org.basket.testsupport.ConfigFiles;
import org.basket.testsupport.RecoveryEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager outside OSGi with the PowerVM driver against the simulated HMC (3 managed systems, 2 partitions each,
 * lparN-0 a Basket resource), each system's fence level 1 the REAL {@code fence_lpar} (Debian's fence-agents, run by
 * the fence bundle's {@link FenceAgentFactory}) forcing its managed partition off over a real sshd and the HMC's
 * command line ({@link HmcSsh}). A system the HMC reports in error is fenced by fence_lpar, not by the driver's
 * fence (the system is not powered off): its partition is {@code Not Activated} in the simulator's world before the
 * HMC is asked to remote-restart it, then it runs on another system.
 */
class PowervmFenceLparRecoveryTest {
    private final ClusterManager manager = new ClusterManager();
    @TempDir
    Path directory;
    private HmcSimulator hmc;
    private HmcSsh ssh;
    private final List<String> resources = List.of("lpar0-0", "lpar1-0", "lpar2-0");

    @BeforeEach
    void start() throws Exception {
        hmc = HmcSimulator.start(3, 2);
        ssh = hmc.startSsh(directory);
        List<String> driver = new ArrayList<>(List.of("type", "powervm"));
        hmc.endpointKeys().forEach((key, value) -> driver.addAll(List.of(key, value)));
        ConfigFiles.put(manager.store()::update, ConfigPids.DRIVER, "hmc", driver.toArray(String[]::new));
        List<String> systems = hmc.systemNames();
        for (int i = 0; i < systems.size(); i++) {
            ConfigFiles.put(manager.store()::update, ConfigPids.HOST, "p" + i, "driver", "hmc", "address", systems.get(i));
            List<String> fence = new ArrayList<>(List.of("host", "p" + i, "level", "1", "agent", "fence_lpar", "timeout.ms", "30000"));
            ssh.fenceLparParameters(systems.get(i), "lpar" + i + "-0").forEach((key, value) -> fence.addAll(List.of(key, value)));
            ConfigFiles.put(manager.store()::update, ConfigPids.FENCE, "p" + i + "-lpar", fence.toArray(String[]::new));
        }
        for (String lpar : resources) {
            ConfigFiles.put(manager.store()::update, ConfigPids.RESOURCE, lpar, "domain", lpar, "cpus", "1", "memory.mb", "2048");
        }
        manager.bindDriverFactory(new PowervmDriverFactory());
        manager.bindFenceDeviceFactory(new FenceAgentFactory(), Map.of());
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "1000", "host.dead.timeout.ms", "1000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> resources.stream()
                .allMatch(r -> status(r) != null && status(r).activeOn().size() == 1));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            manager.stop();
        } finally {
            try {
                ssh.close();
            } finally {
                hmc.close();
            }
        }
    }

    @Test
    void aSystemInErrorHasItsPartitionForcedOffByFenceLparBeforeItIsRemoteRestarted() throws Exception {
        String victimSystem = hmc.systemNames().get(1);
        assertEquals(List.of("lpar1-0"), resources.stream().filter(r -> status(r).activeOn().contains("p1")).toList());
        long before = manager.events(1).get(0).sequence();

        hmc.systemState(victimSystem, "error");

        await().atMost(Duration.ofSeconds(30)).until(() -> status("lpar1-0").activeOn().size() == 1
                && !status("lpar1-0").activeOn().contains("p1"));
        assertEquals(List.of("lpar1-0 Not Activated by chsysstate -o shutdown",
                "lpar1-0 remote restarted from " + victimSystem + " while Not Activated"), hmc.history());
        List<ClusterEvent> events = manager.events(500).stream().filter(e -> e.sequence() > before).toList();
        RecoveryEvents.assertFencedBeforeStarted(events, "p1", List.of("lpar1-0"));
        ClusterEvent fenced = RecoveryEvents.first(events, e -> e.kind() == EventKind.HOST_FENCED).orElseThrow();
        assertEquals("host p1 fenced by fence_lpar:127.0.0.1:" + ssh.port() + "/lpar1-0", fenced.message());
        assertEquals("error", hmc.systemState(victimSystem), "the driver's fence (powering the system off) was not needed");
        assertEquals(0, hmc.calls("PowerOff"));
        assertEquals(1, hmc.calls("RemoteRestart"));
        String where = hmc.where("lpar1-0");
        assertTrue(where.startsWith("running@") && !where.endsWith(victimSystem), where);
        assertEquals("running@" + victimSystem, hmc.where("lpar1-1"), "a partition Basket does not manage is not fenced");
    }

    private ResourceStatus status(String resource) {
        return manager.snapshot().state().resource(resource);
    }
}
