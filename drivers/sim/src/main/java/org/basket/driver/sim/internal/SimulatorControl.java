package org.basket.driver.sim.internal;

import org.basket.driver.sim.Datacenter;
import org.basket.driver.sim.SimulatedDatacenter;

/** Registered by the simulator driver so that its shell commands reach the simulated world. */
public interface SimulatorControl {

    /** The simulated datacenter in this JVM, whose in-guest agents the simulator serves. */
    SimulatedDatacenter datacenter();

    /**
     * The world the {@code sim:} commands address: the world process the open endpoints use, or this
     * JVM's datacenter; an IllegalStateException if the open endpoints use several worlds.
     */
    default Datacenter world() {
        return datacenter();
    }
}
