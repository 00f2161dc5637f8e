package org.basket.driver.sim.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.Datacenter;

@Service
@Command(scope = "sim", name = "hang", description = "Makes calls of an operation on a simulated host or domain block until the caller interrupts them")
public class HangCommand extends SimCommand {

    @Argument(index = 0, name = "operation", description = "START, STOP, MONITOR, MIGRATE, DISCOVER or FENCE", required = true)
    @Completion(value = StringsCompleter.class, values = { "START", "STOP", "MONITOR", "MIGRATE", "DISCOVER", "FENCE" })
    String operation;

    @Argument(index = 1, name = "target", description = "A simulated host or domain name, or * for every call", required = true)
    @Completion(FaultTargetCompleter.class)
    String target;

    @Override
    protected void run(Datacenter datacenter) {
        Operation hanging = operation(operation);
        datacenter.hang(hanging, target);
        console().println(hanging + " calls on " + target + " will hang until interrupted" + where(datacenter));
    }
}
