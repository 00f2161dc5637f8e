package org.basket.driver.sim.command;

import java.util.Collection;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.Datacenter;
import org.basket.driver.sim.SimulatedDatacenter;

/** Completes what a fault can target: a simulated host, a domain, or every call. */
@Service
public class FaultTargetCompleter extends NamesCompleter {

    @Override
    protected Collection<String> names(Datacenter datacenter) {
        TreeSet<String> names = new TreeSet<>(HostNameCompleter.hostNames(datacenter));
        names.addAll(DomainNameCompleter.domainNames(datacenter));
        names.add(SimulatedDatacenter.ANY_TARGET);
        return names;
    }
}
