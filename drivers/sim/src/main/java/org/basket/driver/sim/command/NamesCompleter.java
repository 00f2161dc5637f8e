package org.basket.driver.sim.command;

import java.util.Collection;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.driver.sim.Datacenter;
import org.basket.driver.sim.internal.SimulatorControl;

/** Completes names found in the simulated datacenter. */
public abstract class NamesCompleter implements Completer {

    @Reference
    SimulatorControl control;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(names(control.world())).complete(session, commandLine, candidates);
    }

    protected abstract Collection<String> names(Datacenter datacenter);
}
