package org.basket.driver.sim.command;

import java.time.Duration;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.driver.sim.Datacenter;

@Service
@Command(scope = "sim", name = "latency", description = "Sets how long every simulated driver call takes")
public class LatencyCommand extends SimCommand {

    @Argument(name = "ms", description = "The latency in milliseconds", required = true)
    long millis;

    @Override
    protected void run(Datacenter datacenter) {
        datacenter.setLatency(Duration.ofMillis(millis));
        console().println("Simulated latency: " + millis + " ms" + where(datacenter));
    }
}
