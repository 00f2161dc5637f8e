package org.basket.driver.powervm.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The managed systems and partitions of the simulated HMC. It is also the simulator's one lock: requests, job steps
 * and a test's changes hold it.
 */
final class HmcWorld {
    static final long PARTITION_MEMORY_MB = 2048;

    final Map<String, SimulatedSystem> systems = new LinkedHashMap<>();
    final Map<String, SimulatedPartition> partitions = new LinkedHashMap<>();
    /** What the command line and remote restarts did to partitions, in order. */
    final List<String> history = new ArrayList<>();

    /** Systems named Server-9080-M9S-SN78100x, each with partitions lpar{s}-{l} running. */
    HmcWorld(int systemCount, int partitionsPerSystem) {
        int id = 1;
        for (int s = 0; s < systemCount; s++) {
            SimulatedSystem system = new SimulatedSystem("Server-9080-M9S-SN78" + (1000 + s));
            systems.put(system.uuid, system);
            for (int l = 0; l < partitionsPerSystem; l++) {
                SimulatedPartition partition = new SimulatedPartition("lpar" + s + "-" + l, id++, system);
                partition.state = "running";
                partitions.put(partition.uuid, partition);
            }
        }
    }

    void record(String event) {
        history.add(event);
    }

    SimulatedSystem system(String name) {
        return systems.values().stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no managed system " + name));
    }

    SimulatedPartition partition(String name) {
        return partitions.values().stream().filter(l -> l.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no partition " + name));
    }

    /** How many of the system's partitions are active (anything but "not activated"). */
    long active(SimulatedSystem system) {
        return partitions.values().stream().filter(l -> l.system == system && !l.state.equals("not activated")).count();
    }

    long freeMemoryMb(SimulatedSystem system) {
        return system.memoryMb - active(system) * PARTITION_MEMORY_MB;
    }
}
