package org.basket.driver.powervm.internal;

import java.util.UUID;

/** A managed system of the simulated HMC: memory in MB, processor units in hundredths. */
final class SimulatedSystem {
    final String uuid = UUID.randomUUID().toString();
    final String name;
    volatile String state = "operating";
    final long memoryMb = 65_536;
    final int procHundredths = 1600;

    SimulatedSystem(String name) {
        this.name = name;
    }
}
