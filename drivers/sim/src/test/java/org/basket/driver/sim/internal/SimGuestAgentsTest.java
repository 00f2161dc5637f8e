package org.basket.driver.sim.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.HypervisorDriver;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.testsupport.RecordingDriverListener;
import org.basket.testsupport.WorldProcess;
import org.junit.jupiter.api.Test;

/** The simulated agents are those of the datacenter in this JVM: they serve no VM while the endpoints use a world process. */
class SimGuestAgentsTest {

    @Test
    void servesTheVmsOfThisJvmsDatacenterOnly() throws Exception {
        SimDriverFactory factory = new SimDriverFactory(new SimulatedDatacenter());
        SimGuestAgents agents = new SimGuestAgents();
        agents.simulator = factory;
        assertTrue(agents.serves("vm1"));

        try (WorldProcess world = WorldProcess.start(0)) {
            HypervisorDriver remote = factory.open(new DriverConfig("sim", "sim", Map.of("world", world.address())),
                    new RecordingDriverListener());
            assertFalse(agents.serves("vm1"), "a VM of the world process has no simulated agent here");

            remote.close();
            assertTrue(agents.serves("vm1"));
        }
    }
}
