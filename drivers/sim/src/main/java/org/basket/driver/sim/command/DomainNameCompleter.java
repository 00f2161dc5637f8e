package org.basket.driver.sim.command;

import java.util.Collection;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.Datacenter;
import org.basket.driver.sim.SimulatedHost;

/** Completes the names of domains some simulated host knows. */
@Service
public class DomainNameCompleter extends NamesCompleter {

    @Override
    protected Collection<String> names(Datacenter datacenter) {
        return domainNames(datacenter);
    }

    static Collection<String> domainNames(Datacenter datacenter) {
        TreeSet<String> names = new TreeSet<>();
        datacenter.hosts().stream().map(SimulatedHost::domains).forEach(domains -> names.addAll(domains.keySet()));
        return names;
    }
}
