package org.basket.driver.sim.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.Datacenter;

@Service
@Command(scope = "sim", name = "fail-fence", description = "Makes the simulated fence device of a host fail")
public class FailFenceCommand extends SimCommand {

    @Argument(name = "host", description = "The simulated host", required = true)
    @Completion(HostNameCompleter.class)
    String host;

    @Option(name = "--heal", description = "Make the fence device work again instead")
    boolean heal;

    @Override
    protected void run(Datacenter datacenter) {
        datacenter.failFence(host, !heal);
        console().println("Simulated fence device of " + host + (heal ? " works again" : " fails") + where(datacenter));
    }
}
