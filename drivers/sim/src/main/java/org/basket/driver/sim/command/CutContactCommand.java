package org.basket.driver.sim.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.Datacenter;

@Service
@Command(scope = "sim", name = "cut-contact", description = "Cuts the manager's contact to a simulated host, which keeps running its domains")
public class CutContactCommand extends SimCommand {

    @Argument(name = "host", description = "The simulated host", required = true)
    @Completion(HostNameCompleter.class)
    String host;

    @Option(name = "--heal", description = "Restore the contact instead")
    boolean heal;

    @Override
    protected void run(Datacenter datacenter) {
        datacenter.cutContact(host, !heal);
        console().println("Contact to simulated host " + host + (heal ? " restored" : " cut") + where(datacenter));
    }
}
