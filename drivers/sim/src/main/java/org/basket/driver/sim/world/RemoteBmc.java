package org.basket.driver.sim.world;

import org.basket.api.driver.DriverException;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;

/** A host's simulated BMC in a world process: out of band, it works whatever the manager's contact to the host. */
final class RemoteBmc implements FenceDevice {
    private final RemoteDatacenter world;
    private final String host;

    RemoteBmc(RemoteDatacenter world, String host) {
        this.world = world;
        this.host = host;
    }

    @Override
    public String name() {
        return "sim-bmc:" + host;
    }

    @Override
    public PowerState status() throws FenceException {
        return PowerState.valueOf(call("status", "fence-status", host).get(0));
    }

    @Override
    public void powerOff() throws FenceException {
        call("power off", "fence-power", host, "off");
    }

    @Override
    public void powerOn() throws FenceException {
        call("power on", "fence-power", host, "on");
    }

    private java.util.List<String> call(String what, String... request) throws FenceException {
        try {
            return world.driverCall(name() + ": " + what, request);
        } catch (DriverException e) {
            throw new FenceException(e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
