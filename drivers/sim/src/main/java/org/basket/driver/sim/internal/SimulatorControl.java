package org.basket.driver.sim.internal;

import org.basket.driver.sim.SimulatedDatacenter;

/** Registered by the simulator driver so that its shell commands reach the simulated datacenter. */
public interface SimulatorControl {

    SimulatedDatacenter datacenter();
}
