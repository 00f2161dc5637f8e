package org.basket.driver.sim.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.Datacenter;

@Service
@Command(scope = "sim", name = "fail", description = "Makes the next calls of an operation on a simulated host or domain fail")
public class FailCommand extends SimCommand {

    @Argument(index = 0, name = "operation", description = "START, STOP, MONITOR, MIGRATE, DISCOVER or FENCE", required = true)
    @Completion(value = StringsCompleter.class, values = { "START", "STOP", "MONITOR", "MIGRATE", "DISCOVER", "FENCE" })
    String operation;

    @Argument(index = 1, name = "target", description = "A simulated host or domain name, or * for every call", required = true)
    @Completion(FaultTargetCompleter.class)
    String target;

    @Option(name = "--count", aliases = "-c", description = "How many calls fail")
    int count = 1;

    @Override
    protected void run(Datacenter datacenter) {
        Operation failing = operation(operation);
        datacenter.failNext(failing, target, count);
        console().println("The next " + count + " " + failing + " call(s) on " + target + " will fail" + where(datacenter));
    }
}
