package org.basket.driver.vmware.internal;

import java.util.List;
import java.util.function.Supplier;

import org.basket.api.driver.DriverException;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;

/**
 * Fencing of one host through vCenter: every VM on it powered off through vCenter, which confirms each
 * power state from the host itself. It works only while vCenter reaches the host: a host not responding
 * (the usual failure) needs a fence level of its own, such as its BMC. Its power state is the VMs': on
 * while one runs, unknown while vCenter does not reach the host.
 */
final class VcenterFence implements FenceDevice {
    /** What the fence needs of the endpoint: the host's entry, its VMs, and powering one off. */
    interface Access {
        Inventory.Entry host() throws DriverException;

        List<Inventory.Entry> vms(Inventory.Entry host);

        void powerOff(Inventory.Entry vm) throws DriverException;
    }

    private final String name;
    private final Access access;
    private final Supplier<String> where;

    VcenterFence(String name, Access access, Supplier<String> where) {
        this.name = name;
        this.access = access;
        this.where = where;
    }

    @Override
    public String name() {
        return "vCenter fence of " + name;
    }

    @Override
    public PowerState status() throws FenceException {
        Inventory.Entry host = host();
        if (!Names.connected(host)) {
            return PowerState.UNKNOWN;
        }
        return access.vms(host).stream().anyMatch(vm -> Names.stateOf(vm).isActive()) ? PowerState.ON : PowerState.OFF;
    }

    @Override
    public void powerOff() throws FenceException {
        Inventory.Entry host = host();
        if (!Names.connected(host)) {
            throw new FenceException(where.get() + ": cannot fence host " + name + " through vCenter: it is "
                    + host.text("runtime.connectionState") + " (give it a fence level of its own, such as its BMC)");
        }
        for (Inventory.Entry vm : access.vms(host)) {
            if (Names.stateOf(vm).isActive()) {
                try {
                    access.powerOff(vm);
                } catch (DriverException e) {
                    throw new FenceException(e.getMessage(), e);
                }
            }
        }
        if (status() != PowerState.OFF) {
            throw new FenceException(where.get() + ": host " + name + " still runs a VM after its VMs were powered off");
        }
    }

    /** Nothing to power on: the engine starts the VMs where it places them. */
    @Override
    public void powerOn() {
    }

    private Inventory.Entry host() throws FenceException {
        try {
            return access.host();
        } catch (DriverException e) {
            throw new FenceException(e.getMessage(), e);
        }
    }
}
