package org.basket.driver.sim.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.Datacenter;

@Service
@Command(scope = "sim", name = "crash-host", description = "Powers a simulated host off abruptly: its domains vanish, the manager loses contact")
public class CrashHostCommand extends SimCommand {

    @Argument(name = "host", description = "The simulated host to crash", required = true)
    @Completion(HostNameCompleter.class)
    String host;

    @Override
    protected void run(Datacenter datacenter) {
        datacenter.crashHost(host);
        console().println("Simulated host " + host + " is powered off" + where(datacenter));
    }
}
