package org.basket.driver.powervm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.basket.api.driver.Fencing;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fencing a managed system through the HMC: partitions forced off, the system powered off; refused without a connection. */
class HmcFenceTest {
    private HmcSimulator hmc;
    private HypervisorDriver driver;
    private List<String> systems;

    @BeforeEach
    void open() throws Exception {
        hmc = HmcSimulator.start(2, 2);
        driver = HmcEndpoints.open(hmc, 1);
        systems = hmc.systemNames();
    }

    @AfterEach
    void close() throws Exception {
        HmcEndpoints.close(driver, hmc);
    }

    @Test
    void anOperatingSystemHasItsPartitionsForcedOffThenIsPoweredOff() throws Exception {
        FenceDevice fence = fence("p0");
        assertEquals(PowerState.ON, fence.status());
        fence.powerOff();
        assertEquals(PowerState.OFF, fence.status());
        assertEquals("power off", hmc.systemState(systems.get(0)));
        assertEquals("not activated@" + systems.get(0), hmc.where("lpar0-0"));
        assertEquals(3, hmc.calls("PowerOff"), "two partitions forced off, then the system");
        fence.powerOn();
        assertEquals("operating", hmc.systemState(systems.get(0)));
    }

    @Test
    void aSystemInErrorIsPoweredOffAndAHostNotAttachedIsFoundByName() throws Exception {
        hmc.systemState(systems.get(1), "error");
        FenceDevice fence = fence(systems.get(1));
        fence.powerOff();
        assertEquals("power off", hmc.systemState(systems.get(1)));
        assertEquals(1, hmc.calls("PowerOff"));
        fence.powerOff();
        assertEquals(1, hmc.calls("PowerOff"), "a system already off is not powered off again");
    }

    @Test
    void aSystemTheHmcHasNoConnectionToCannotBeFencedThroughIt() throws Exception {
        hmc.systemState(systems.get(0), "no connection");
        FenceDevice fence = fence("p0");
        assertEquals(PowerState.UNKNOWN, fence.status());
        FenceException e = assertThrows(FenceException.class, fence::powerOff);
        assertEquals("HMC fence of p0: managed system " + systems.get(0) + " is in state 'no connection': the HMC cannot power it off"
                + " (give it a fence level of its own)", e.getMessage());
        assertEquals(0, hmc.calls("PowerOff"));
    }

    @Test
    void aFailedPowerOffJobIsAFailedFence() throws Exception {
        hmc.systemState(systems.get(0), "error");
        hmc.failNext("PowerOff", "HSCL0239 The power off of the managed system failed");
        FenceException e = assertThrows(FenceException.class, fence("p0")::powerOff);
        assertTrue(e.getMessage().contains("fencing host p0: powering managed system " + systems.get(0) + " off: PowerOff job"), e.getMessage());
        assertTrue(e.getMessage().endsWith("HSCL0239 The power off of the managed system failed"), e.getMessage());
        assertEquals("error", hmc.systemState(systems.get(0)));
    }

    private FenceDevice fence(String host) throws Exception {
        return driver.capability(Fencing.class).orElseThrow().fenceDevice(host);
    }
}
