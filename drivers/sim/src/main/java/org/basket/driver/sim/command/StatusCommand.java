package org.basket.driver.sim.command;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.basket.driver.sim.Datacenter;
import org.basket.driver.sim.SimulatedHost;

@Service
@Command(scope = "sim", name = "status", description = "Shows the simulated hosts, their domains, injected faults and double-active violations")
public class StatusCommand extends SimCommand {

    @Option(name = "--json", aliases = "-j", description = "Print JSON")
    boolean json;

    @Override
    protected void run(Datacenter datacenter) {
        if (json) {
            console().println(StatusJson.render(datacenter));
            return;
        }
        console().println("Simulated datacenter " + datacenter.where() + " (not a real hypervisor), latency "
                + datacenter.latency().toMillis() + " ms");
        ShellTable table = new ShellTable().emptyTableText("no simulated hosts");
        List.of("Host", "Power", "Contact", "Fence", "Capacity", "Domains").forEach(table::column);
        for (SimulatedHost host : datacenter.hosts()) {
            table.addRow().addContent(host.name(), host.poweredOn() ? "on" : "off", contact(host),
                    host.fenceFailing() ? "failing" : "ok", host.capacity(), domains(host));
        }
        table.print(console());
        console().println("Injected faults: " + listOrNone(datacenter.faults()));
        console().println("Double-active violations: " + listOrNone(datacenter.violations()));
    }

    /** Whether the manager reaches the host: a powered-off host answers nobody, whatever its network. */
    static String contact(SimulatedHost host) {
        if (host.contactCut()) {
            return "cut";
        }
        return host.poweredOn() ? "ok" : "none (powered off)";
    }

    private static String domains(SimulatedHost host) {
        return host.domains().entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String listOrNone(List<?> items) {
        return items.isEmpty() ? "none" : items.stream().map(Object::toString).collect(Collectors.joining("; "));
    }
}
