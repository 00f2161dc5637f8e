package org.basket.driver.sim.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.Datacenter;

@Service
@Command(scope = "sim", name = "power-on", description = "Powers a simulated host on, without domains")
public class PowerOnCommand extends SimCommand {

    @Argument(name = "host", description = "The simulated host to power on", required = true)
    @Completion(HostNameCompleter.class)
    String host;

    @Override
    protected void run(Datacenter datacenter) {
        datacenter.powerOn(host);
        console().println("Simulated host " + host + " is powered on" + where(datacenter));
    }
}
