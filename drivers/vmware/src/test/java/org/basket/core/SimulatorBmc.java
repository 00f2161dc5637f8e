package org.basket.core;

import org.basket.driver.vmware.internal.VsphereSimulator;
import org.basket.testsupport.PlugFence;

/**
 * A fence method for the simulator's hosts, agent {@code fence_vsphere_sim_bmc}, parameter {@code plug} (the host's
 * name in the simulated vCenter): the power a host's BMC would cut, through the simulator's control endpoint.
 */
final class SimulatorBmc {
    static final String AGENT = "fence_vsphere_sim_bmc";

    private SimulatorBmc() {
    }

    static PlugFence of(VsphereSimulator simulator) {
        return new PlugFence(AGENT, plug -> simulator.control("GET", "bmc?host=" + plug).equals("off"),
                plug -> simulator.control("POST", "bmc?host=" + plug + "&power=off"),
                plug -> simulator.control("POST", "bmc?host=" + plug + "&power=on"));
    }
}
