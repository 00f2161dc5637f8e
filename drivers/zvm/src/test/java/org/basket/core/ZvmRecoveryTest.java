package org.basket.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.model.ResourceStatus;
import org.basket.core.config.ConfigPids;
import org.basket.driver.zvm.internal.FeilongSimulator;
import org.basket.driver.zvm.internal.HmcWebServicesSimulator;
import org.basket.driver.zvm.internal.ZvmDriverFactory;
import org.basket.fence.internal.FenceAgentFactory;
import org.basket.testsupport.RecoveryEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The manager outside OSGi with the z/VM driver against the Feilong simulator (3 members, 6 guests), each member with a
 * fence level run by Debian's real fence_ibmz (the standard agents' plug-in, as the product runs them) against the HMC
 * Web Services API simulator over the same world: a member whose connector stops answering is suspect, its LPAR
 * deactivated through the HMC, and its guests are logged on to the other members, each to one, none before the fence.
 */
class ZvmRecoveryTest {
    private static final List<String> RESOURCES = List.of("vm1", "vm2", "vm3", "vm4", "vm5", "vm6");
    private final ClusterManager manager = new ClusterManager();
    private FeilongSimulator simulator;
    private HmcWebServicesSimulator hmc;

    @BeforeEach
    void start() throws Exception {
        HmcWebServicesSimulator.trustForAgents();
        simulator = FeilongSimulator.start(3, 6);
        hmc = HmcWebServicesSimulator.start(simulator);
        List<String> driver = new ArrayList<>(List.of("type", "zvm"));
        simulator.endpointKeys().forEach((key, value) -> {
            driver.add(key);
            driver.add(value);
        });
        file(ConfigPids.DRIVER, "zvm", driver.toArray(String[]::new));
        for (String member : simulator.members()) {
            String host = member.toLowerCase();
            file(ConfigPids.HOST, host, "driver", "zvm", "address", member);
            List<String> fence = new ArrayList<>(List.of("host", host, "agent", "fence_ibmz"));
            hmc.agentParameters(member).forEach((key, value) -> {
                fence.add(key);
                fence.add(value);
            });
            file(ConfigPids.FENCE, host + "-lpar", fence.toArray(String[]::new));
        }
        for (int i = 1; i <= 6; i++) {
            file(ConfigPids.RESOURCE, "vm" + i, "domain", String.format("LINUX%02d", i), "driver", "zvm", "cpus", "1",
                    "memory.mb", "1024");
        }
        manager.bindFenceDeviceFactory(new FenceAgentFactory(), Map.of());
        manager.bindDriverFactory(new ZvmDriverFactory());
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "1000", "host.dead.timeout.ms", "1000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> RESOURCES.stream()
                .allMatch(r -> status(r) != null && status(r).activeOn().size() == 1));
    }

    @AfterEach
    void stop() {
        try {
            manager.stop();
        } finally {
            hmc.close();
            simulator.close();
        }
    }

    @Test
    void aLostMemberIsFencedAndItsGuestsAreLoggedOnToTheOthersAfterTheFence() {
        assertEquals("zvm3", status("vm3").activeOn().get(0), "adopted where it runs, nothing moved");
        List<String> lost = List.of("vm3", "vm6");
        long before = manager.events(1).get(0).sequence();

        simulator.loseMember("ZVM3");

        await().atMost(Duration.ofSeconds(30)).until(() -> lost.stream().allMatch(r -> status(r).activeOn().size() == 1
                && !status(r).activeOn().contains("zvm3")));
        assertEquals(List.of("deactivate " + HmcWebServicesSimulator.lparOf("ZVM3")), hmc.operations(), "fenced once, through the HMC");
        assertTrue(simulator.deactivated("ZVM3"));
        assertEquals(0, hmc.openSessions(), "fence_ibmz logged off");
        List<ClusterEvent> events = manager.events(500).stream().filter(e -> e.sequence() > before).toList();
        RecoveryEvents.assertFencedBeforeStarted(events, "zvm3", lost);
        for (int i = 1; i <= 6; i++) {
            String guest = String.format("LINUX%02d", i);
            String member = simulator.loggedOnAt(guest);
            assertNotEquals(null, member, guest + " is logged on nowhere");
            assertEquals(member.toLowerCase(), status("vm" + i).activeOn().get(0), guest);
        }
        assertNotEquals("ZVM3", simulator.loggedOnAt("LINUX03"));
        assertNotEquals("ZVM3", simulator.loggedOnAt("LINUX06"));
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.snapshot().state().hosts().get("zvm1").conditions().stream()
                .anyMatch(c -> c.kind().equals("ssi") && c.message().contains("member ZVM3 is Down")));
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
