package org.basket.driver.sim;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import org.basket.api.driver.DomainState;
import org.basket.api.model.Capacity;

/**
 * A snapshot of one simulated host.
 *
 * @param contactCut   whether the manager cannot reach the host (which keeps running its domains)
 * @param fenceFailing whether its fence device fails on purpose
 * @param domains      the domains the host knows, by name
 */
public record SimulatedHost(String name, Capacity capacity, boolean poweredOn, boolean contactCut,
        boolean fenceFailing, Map<String, DomainState> domains) {

    public SimulatedHost {
        domains = Collections.unmodifiableMap(new TreeMap<>(domains));
    }

    /** Whether the manager can reach the host. */
    public boolean reachable() {
        return poweredOn && !contactCut;
    }
}
