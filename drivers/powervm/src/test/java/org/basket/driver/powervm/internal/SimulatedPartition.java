package org.basket.driver.powervm.internal;

import java.util.UUID;

/** A logical partition of the simulated HMC, on its managed system, with the job it is busy with, if any. */
final class SimulatedPartition {
    final String uuid = UUID.randomUUID().toString().toUpperCase();
    final String name;
    final int id;
    volatile SimulatedSystem system;
    volatile String state = "not activated";
    volatile boolean srrCapable = true;
    volatile boolean ignoresShutdown;
    volatile SimulatedJob job;

    SimulatedPartition(String name, int id, SimulatedSystem system) {
        this.name = name;
        this.id = id;
        this.system = system;
    }
}
