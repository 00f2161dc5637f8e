package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.basket.api.model.Capacity;
import org.basket.driver.sim.SimulatedDatacenter;
import org.junit.jupiter.api.Test;

/** A failed fence names each device once, whether or not the device's own message names it. */
class FenceLevelsTest {
    private final FenceLevels levels = new FenceLevels();

    @Test
    void aDeviceThatNamesItselfIsNotNamedAgain() {
        SimulatedDatacenter datacenter = new SimulatedDatacenter();
        datacenter.addHost("h1", new Capacity(4, 8192));
        datacenter.failFence("h1", true);
        levels.update(Map.of());

        FenceException e = assertThrows(FenceException.class,
                () -> levels.fence("h1", Optional.of(datacenter.fenceDevice("h1"))));

        assertEquals("every fencing level failed for host h1: sim-bmc:h1: power off: simulated fence failure",
                e.getMessage());
    }

    @Test
    void aDeviceThatDoesNotNameItselfIsNamed() {
        FenceException e = assertThrows(FenceException.class, () -> levels.fence("h1", Optional.of(new Silent())));

        assertEquals("every fencing level failed for host h1: pdu-7: no answer", e.getMessage());
    }

    private static final class Silent implements FenceDevice {
        @Override
        public String name() {
            return "pdu-7";
        }

        @Override
        public PowerState status() throws FenceException {
            throw new FenceException("no answer");
        }

        @Override
        public void powerOff() throws FenceException {
            throw new FenceException("no answer");
        }

        @Override
        public void powerOn() throws FenceException {
            throw new FenceException("no answer");
        }
    }
}
