package org.basket.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.basket.api.driver.DriverException;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.basket.api.model.Capacity;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedBmcTest {
    private final SimulatedDatacenter datacenter = new SimulatedDatacenter();
    private final RecordingDriverListener listener = new RecordingDriverListener();
    private final FenceDevice node2Bmc = datacenter.fenceDevice("node2");

    @BeforeEach
    void domainRunsOnNode2() throws DriverException {
        datacenter.addHost("node1", new Capacity(8, 16_384));
        datacenter.addHost("node2", new Capacity(8, 16_384));
        datacenter.start("node2", "vm1");
        datacenter.addListener(listener);
    }

    @Test
    void powersTheHostOffEvenWhenTheManagerLostContact() throws Exception {
        datacenter.cutContact("node2", true);
        assertEquals(List.of("node2"), datacenter.activeHosts("vm1"));

        node2Bmc.powerOff();

        assertEquals("sim-bmc:node2", node2Bmc.name());
        assertEquals(PowerState.OFF, node2Bmc.status());
        assertEquals(List.of(), datacenter.activeHosts("vm1"));
        datacenter.start("node1", "vm1");
        assertEquals(List.of(), datacenter.violations());
        assertEquals(List.of("node2 unreachable: simulated contact cut", "node1 vm1 RUNNING"), listener.events());
    }

    @Test
    void powerOffOfAReachableHostIsHeardAsContactLoss() throws Exception {
        node2Bmc.powerOff();
        node2Bmc.powerOn();

        assertEquals(List.of("node2 unreachable: powered off by sim-bmc:node2",
                "node2 reachable: powered on by sim-bmc:node2"), listener.events());
        assertEquals(PowerState.ON, node2Bmc.status());
        assertEquals(List.of(), datacenter.domains("node2"));
    }

    @Test
    void failingFenceLeavesTheHostOn() throws Exception {
        datacenter.failFence("node2", true);

        FenceException e = assertThrows(FenceException.class, node2Bmc::powerOff);

        assertEquals("sim-bmc:node2: power off: simulated fence failure", e.getMessage());
        assertEquals(List.of("node2"), datacenter.activeHosts("vm1"));
        datacenter.failFence("node2", false);
        node2Bmc.powerOff();
        assertEquals(List.of(), datacenter.activeHosts("vm1"));
    }

    @Test
    void unknownHostFails() {
        FenceException e = assertThrows(FenceException.class, () -> datacenter.fenceDevice("node9").status());

        assertEquals("sim-bmc:node9: status: unknown simulated host node9", e.getMessage());
    }
}
