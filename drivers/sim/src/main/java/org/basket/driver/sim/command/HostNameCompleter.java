package org.basket.driver.sim.command;

import java.util.Collection;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.Datacenter;
import org.basket.driver.sim.SimulatedHost;

/** Completes simulated host names. */
@Service
public class HostNameCompleter extends NamesCompleter {

    @Override
    protected Collection<String> names(Datacenter datacenter) {
        return hostNames(datacenter);
    }

    static Collection<String> hostNames(Datacenter datacenter) {
        return datacenter.hosts().stream().map(SimulatedHost::name).toList();
    }
}
