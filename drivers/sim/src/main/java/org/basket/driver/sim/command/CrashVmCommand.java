package org.basket.driver.sim.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.Datacenter;

@Service
@Command(scope = "sim", name = "crash-vm", description = "Crashes a simulated domain on every host where it is active")
public class CrashVmCommand extends SimCommand {

    @Argument(name = "domain", description = "The simulated domain to crash", required = true)
    @Completion(DomainNameCompleter.class)
    String domain;

    @Override
    protected void run(Datacenter datacenter) {
        datacenter.crashDomain(domain);
        console().println("Crashed simulated domain " + domain + where(datacenter));
    }
}
