package org.basket.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.ResourceStatus;
import org.basket.core.config.ConfigPids;
import org.basket.driver.powervm.internal.HmcSimulator;
import org.basket.driver.powervm.internal.PowervmDriverFactory;
import org.basket.testsupport.RecoveryEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The manager outside OSGi with the PowerVM driver against the simulated HMC (3 managed systems, 2 partitions each,
 * one of them a Basket resource): a managed system the HMC reports in error is out of contact, fenced through the
 * HMC itself (the driver's fence level: its partitions forced off, the system powered off), and only then are its
 * partitions restarted on the other systems by Simplified Remote Restart, each on one system; a partition Basket does
 * not manage stays where it was. A system the HMC has no connection to cannot be fenced through it, so nothing of it
 * is restarted.
 */
class PowervmRecoveryTest {
    private final ClusterManager manager = new ClusterManager();
    private HmcSimulator hmc;
    private final Map<String, String> hostOf = new HashMap<>();
    private final List<String> resources = List.of("lpar0-0", "lpar1-0", "lpar2-0");

    @BeforeEach
    void start() throws Exception {
        hmc = HmcSimulator.start(3, 2);
        Map<String, String> endpoint = hmc.endpointKeys();
        String[] driver = new String[endpoint.size() * 2 + 2];
        driver[0] = "type";
        driver[1] = "powervm";
        int at = 2;
        for (Map.Entry<String, String> key : endpoint.entrySet()) {
            driver[at++] = key.getKey();
            driver[at++] = key.getValue();
        }
        file(ConfigPids.DRIVER, "hmc", driver);
        List<String> systems = hmc.systemNames();
        for (int i = 0; i < systems.size(); i++) {
            hostOf.put(systems.get(i), "p" + i);
            file(ConfigPids.HOST, "p" + i, "driver", "hmc", "address", systems.get(i));
        }
        for (String lpar : resources) {
            file(ConfigPids.RESOURCE, lpar, "domain", lpar, "cpus", "1", "memory.mb", "2048");
        }
        manager.bindDriverFactory(new PowervmDriverFactory());
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "1000", "host.dead.timeout.ms", "1000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> resources.stream()
                .allMatch(r -> status(r) != null && status(r).activeOn().size() == 1));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            manager.stop();
        } finally {
            hmc.close();
        }
    }

    @Test
    void aSystemInErrorIsFencedThroughTheHmcAndItsPartitionsRemoteRestartedElsewhere() throws Exception {
        String victimSystem = hmc.systemNames().get(1);
        String victim = hostOf.get(victimSystem);
        List<String> lost = resources.stream().filter(r -> status(r).activeOn().contains(victim)).toList();
        assertEquals(List.of("lpar1-0"), lost);
        long before = manager.events(1).get(0).sequence();

        hmc.systemState(victimSystem, "error");

        await().atMost(Duration.ofSeconds(30)).until(() -> lost.stream().allMatch(r -> status(r).activeOn().size() == 1
                && !status(r).activeOn().contains(victim)));
        assertEquals("power off", hmc.systemState(victimSystem));
        List<ClusterEvent> events = manager.events(500).stream().filter(e -> e.sequence() > before).toList();
        RecoveryEvents.assertFencedBeforeStarted(events, victim, lost);
        for (String resource : lost) {
            String where = hmc.where(resource);
            assertTrue(where.startsWith("running@") && !where.endsWith(victimSystem), resource + ": " + where);
        }
        assertEquals(lost.size(), hmc.calls("RemoteRestart"));
        assertEquals(0, hmc.calls("Migrate"), "nothing moves from a failed system but by remote restart");
        assertEquals("not activated@" + victimSystem, hmc.where("lpar1-1"), "a partition Basket does not manage stays");
        for (String resource : resources) {
            assertEquals(1, status(resource).activeOn().size(), resource + " " + status(resource));
            assertFalse(status(resource).activeOn().contains(victim), resource + " " + status(resource));
        }
    }

    @Test
    void aSystemTheHmcHasNoConnectionToIsNotFencedSoNothingOfItIsRestarted() throws Exception {
        String victimSystem = hmc.systemNames().get(1);
        String victim = hostOf.get(victimSystem);
        long before = manager.events(1).get(0).sequence();

        hmc.systemState(victimSystem, "no connection");

        await().atMost(Duration.ofSeconds(30)).until(() -> manager.events(500).stream().anyMatch(e -> e.sequence() > before
                && e.kind() == EventKind.FENCE_FAILED && victim.equals(e.host())));
        List<ClusterEvent> events = manager.events(500).stream().filter(e -> e.sequence() > before).toList();
        assertTrue(events.stream().anyMatch(e -> e.message().contains("HMC fence of " + victim + ": managed system " + victimSystem
                + " is in state 'no connection': the HMC cannot power it off")), "the fence's own message in " + events);
        assertEquals(List.of(), events.stream().filter(e -> e.kind() == EventKind.HOST_FENCED
                || e.kind() == EventKind.ACTION_DONE && e.action().startsWith("start ")).toList());
        assertEquals(0, hmc.calls("RemoteRestart"));
        assertEquals(0, hmc.calls("PowerOff"));
        assertEquals("running@" + victimSystem, hmc.where("lpar1-0"), "never started elsewhere while its system is not fenced");
    }

    private ResourceStatus status(String resource) {
        return manager.snapshot().state().resource(resource);
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
