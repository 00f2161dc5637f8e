package org.basket.core;

import java.time.Duration;
import java.util.Map;

import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceDeviceFactory;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.basket.driver.zvm.internal.FeilongSimulator;

/**
 * A fence method for the simulator's members, agent {@code fence_zvm_sim_lpar}, parameter {@code plug} (the member's
 * system identifier): the member's LPAR deactivated, what {@code fence_ibmz} does through the HMC for a real member.
 */
final class SimulatedLpar implements FenceDeviceFactory {
    static final String AGENT = "fence_zvm_sim_lpar";
    private final FeilongSimulator simulator;

    SimulatedLpar(FeilongSimulator simulator) {
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
            public PowerState status() {
                return simulator.deactivated(plug) ? PowerState.OFF : PowerState.ON;
            }

            @Override
            public void powerOff() {
                simulator.deactivate(plug);
            }

            @Override
            public void powerOn() {
            }
        };
    }
}
