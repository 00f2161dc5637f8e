package org.basket.driver.powervm.internal;

import java.util.List;
import java.util.Map;

import org.basket.api.driver.DriverException;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.basket.driver.powervm.internal.HmcModel.ManagedSystem;
import org.basket.driver.powervm.internal.HmcModel.Partition;

/**
 * Fencing of one managed system through its HMC: while the system operates, each active partition is forced
 * off (an immediate PowerOff job); then the system itself is powered off (the PowerOff job of the
 * ManagedSystem), which the HMC confirms by the system's state "power off". A system the HMC has no connection
 * to cannot be fenced this way: it needs a fence level of its own.
 */
final class HmcFence implements FenceDevice {
    /** What the fence needs of the endpoint. */
    interface Access {
        ManagedSystem system() throws DriverException;

        List<Partition> partitions(ManagedSystem system) throws DriverException;

        void job(String path, String operation, String group, Map<String, String> parameters, String what) throws DriverException;
    }

    private final String host;
    private final Access access;

    HmcFence(String host, Access access) {
        this.host = host;
        this.access = access;
    }

    @Override
    public String name() {
        return "HMC fence of " + host;
    }

    @Override
    public PowerState status() throws FenceException {
        ManagedSystem system = system();
        return switch (system.state()) {
            case "power off" -> PowerState.OFF;
            case "operating", "standby", "error", "power off in progress", "initializing" -> PowerState.ON;
            default -> PowerState.UNKNOWN;
        };
    }

    @Override
    public void powerOff() throws FenceException {
        ManagedSystem system = system();
        if (system.state().equals("power off")) {
            return;
        }
        if (status() == PowerState.UNKNOWN) {
            throw new FenceException(name() + ": managed system " + system.name() + " is in state '" + system.state()
                    + "': the HMC cannot power it off (give it a fence level of its own)");
        }
        try {
            if (system.inContact()) {
                for (Partition partition : access.partitions(system)) {
                    if (partition.domainState().isActive()) {
                        access.job("/rest/api/uom/LogicalPartition/" + partition.uuid(), "PowerOff", "LogicalPartition",
                                Map.of("operation", "shutdown", "immediate", "true"), "forcing partition " + partition.name() + " off");
                    }
                }
            }
            access.job("/rest/api/uom/ManagedSystem/" + system.uuid(), "PowerOff", "ManagedSystem", Map.of("immediate", "true"),
                    "powering managed system " + system.name() + " off");
        } catch (DriverException e) {
            throw new FenceException(e.getMessage(), e);
        }
        ManagedSystem after = system();
        if (!after.state().equals("power off")) {
            throw new FenceException(name() + ": managed system " + after.name() + " is '" + after.state()
                    + "' after its PowerOff job completed, not 'power off'");
        }
    }

    @Override
    public void powerOn() throws FenceException {
        ManagedSystem system = system();
        try {
            access.job("/rest/api/uom/ManagedSystem/" + system.uuid(), "PowerOn", "ManagedSystem", Map.of(),
                    "powering managed system " + system.name() + " on");
        } catch (DriverException e) {
            throw new FenceException(e.getMessage(), e);
        }
    }

    private ManagedSystem system() throws FenceException {
        try {
            return access.system();
        } catch (DriverException e) {
            throw new FenceException(e.getMessage(), e);
        }
    }
}
