package org.basket.core;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceDeviceFactory;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.basket.driver.vmware.internal.VsphereSimulator;

/**
 * A fence method for the simulator's hosts, agent {@code fence_vsphere_sim_bmc}, parameter {@code plug} (the host's
 * name in the simulated vCenter): the power a host's BMC would cut, through the simulator's control endpoint.
 */
final class SimulatorBmc implements FenceDeviceFactory {
    static final String AGENT = "fence_vsphere_sim_bmc";
    private final VsphereSimulator simulator;

    SimulatorBmc(VsphereSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    public boolean serves(String agent) {
        return AGENT.equals(agent);
    }

    @Override
    public void validate(String agent, Map<String, String> parameters) throws FenceException {
        if (!parameters.containsKey("plug") || parameters.size() != 1) {
            throw new FenceException(AGENT + ": needs exactly the parameter 'plug', has " + parameters.keySet());
        }
    }

    @Override
    public FenceDevice create(String agent, Map<String, String> parameters, Duration timeout) throws FenceException {
        validate(agent, parameters);
        String plug = parameters.get("plug");
        return new FenceDevice() {
            @Override
            public String name() {
                return AGENT + " " + plug;
            }

            @Override
            public PowerState status() throws FenceException {
                return call("GET", "").equals("off") ? PowerState.OFF : PowerState.ON;
            }

            @Override
            public void powerOff() throws FenceException {
                call("POST", "&power=off");
            }

            @Override
            public void powerOn() throws FenceException {
                call("POST", "&power=on");
            }

            private String call(String method, String query) throws FenceException {
                try {
                    return simulator.control(method, "bmc?host=" + plug + query);
                } catch (IOException e) {
                    throw new FenceException(name() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FenceException(name() + ": interrupted");
                }
            }
        };
    }
}
