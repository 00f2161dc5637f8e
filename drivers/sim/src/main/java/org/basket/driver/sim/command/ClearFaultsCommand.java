package org.basket.driver.sim.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.Datacenter;

@Service
@Command(scope = "sim", name = "clear-faults", description = "Forgets injected failures, hangs and fence failures (power, contact and latency stay)")
public class ClearFaultsCommand extends SimCommand {

    @Override
    protected void run(Datacenter datacenter) {
        datacenter.clearFaults();
        console().println("Injected faults cleared" + where(datacenter));
    }
}
