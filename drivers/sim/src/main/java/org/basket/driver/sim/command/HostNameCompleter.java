package org.basket.driver.sim.command;

import java.util.Collection;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.SimulatedHost;

/** Completes simulated host names. */
@Service
public class HostNameCompleter extends NamesCompleter {

    @Override
    protected Collection<String> names(SimulatedDatacenter datacenter) {
        return hostNames(datacenter);
    }

    static Collection<String> hostNames(SimulatedDatacenter datacenter) {
        return datacenter.hosts().stream().map(SimulatedHost::name).toList();
    }
}
