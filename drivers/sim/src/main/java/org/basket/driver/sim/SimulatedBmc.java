package org.basket.driver.sim;

import org.basket.api.driver.DriverException;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;

/** A simulated out-of-band power controller: it works even when the manager's contact to the host is cut. */
final class SimulatedBmc implements FenceDevice {
    private final SimulatedDatacenter datacenter;
    private final String host;

    SimulatedBmc(SimulatedDatacenter datacenter, String host) {
        this.datacenter = datacenter;
        this.host = host;
    }

    @Override
    public String name() {
        return "sim-bmc:" + host;
    }

    @Override
    public PowerState status() throws FenceException {
        try {
            return datacenter.fencePowerState(name(), host);
        } catch (DriverException e) {
            throw new FenceException(e.getMessage(), e);
        }
    }

    @Override
    public void powerOff() throws FenceException {
        setPower(false);
    }

    @Override
    public void powerOn() throws FenceException {
        setPower(true);
    }

    private void setPower(boolean on) throws FenceException {
        try {
            datacenter.fenceSetPower(name(), host, on);
        } catch (DriverException e) {
            throw new FenceException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
