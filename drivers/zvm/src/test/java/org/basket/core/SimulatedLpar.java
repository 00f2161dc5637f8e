package org.basket.core;

import org.basket.driver.zvm.internal.FeilongSimulator;
import org.basket.testsupport.PlugFence;

/**
 * A fence method for the simulator's members, agent {@code fence_zvm_sim_lpar}, parameter {@code plug} (the member's
 * system identifier): the member's LPAR deactivated, what {@code fence_ibmz} does through the HMC for a real member.
 */
final class SimulatedLpar {
    static final String AGENT = "fence_zvm_sim_lpar";

    private SimulatedLpar() {
    }

    static PlugFence of(FeilongSimulator simulator) {
        return new PlugFence(AGENT, simulator::deactivated, plug -> {
            simulator.deactivate(plug);
            return null;
        }, plug -> null);
    }
}
