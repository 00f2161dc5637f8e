package org.basket.driver.sim;

import java.util.Map;
import java.util.TreeMap;

import org.basket.api.driver.DomainState;
import org.basket.api.model.Capacity;

/** One simulated host's mutable state, guarded by its datacenter's lock. */
final class SimHost {
    final String name;
    final Capacity capacity;
    final Map<String, DomainState> domains = new TreeMap<>();
    boolean poweredOn = true;
    boolean contactCut;

    SimHost(String name, Capacity capacity) {
        this.name = name;
        this.capacity = capacity;
    }

    boolean reachable() {
        return poweredOn && !contactCut;
    }

    boolean runs(String domain) {
        DomainState state = domains.get(domain);
        return state != null && state.isActive();
    }

    SimulatedHost snapshot(boolean fenceFailing) {
        return new SimulatedHost(name, capacity, poweredOn, contactCut, fenceFailing, domains);
    }
}
