package org.basket.shell;


import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.GuestAgentAdmin;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.ClusterView;

@Service
@Command(scope = "ha", name = "status", description = "Shows hosts with their state and load, every resource with where it runs, "
        + "driver endpoints, rejected configuration and the actions in progress.")
public class StatusCommand extends JsonCommand {

    @Reference
    ClusterService cluster;

    @Reference(optional = true)
    GuestAgentAdmin agents;

    @Override
    protected void run() {
        ClusterSnapshot snapshot = cluster.snapshot();
        ClusterView view = new ClusterView(snapshot);
        if (json) {
            printJson(view.status(cluster.isClusterInMaintenance()));
            return;
        }
        if (!snapshot.manager().equals(ClusterSnapshot.ALONE)) {
            out.println("Manager: " + snapshot.manager());
            out.println();
        }
        if (cluster.isClusterInMaintenance()) {
            out.println("MAINTENANCE MODE: Basket observes the cluster but does not act (ha:maintenance off to resume)");
            out.println();
        }
        out.println("Hosts");
        printTable(view.hosts(), "name", "state", "driver", "resources", "cpus", "memoryMb", "reason");
        if (!view.hostConditions().isEmpty()) {
            out.println();
            out.println("Host conditions (as their drivers report them)");
            view.hostConditions().forEach(c -> out.println("  " + c));
        }
        out.println();
        out.println("Resources");
        printTable(view.resourceTable(), "name", "kind", "state", "host", "failures", "reason");
        out.println();
        out.println("Drivers");
        snapshot.drivers().forEach((name, state) -> out.println("  " + name + ": " + state));
        if (agents != null && !agents.agents().isEmpty()) {
            out.println();
            out.println("In-guest agents");
            agents.agents().forEach(agent -> out.println("  " + agent.vm() + ": " + describe(agent)));
        }
        if (!snapshot.inFlight().isEmpty()) {
            out.println();
            out.println("In progress");
            snapshot.inFlight().actions().forEach(a -> out.println("  " + a));
        }
        if (!snapshot.problems().isEmpty()) {
            out.println();
            out.println("Configuration problems (the last good definitions stay in force)");
            snapshot.problems().forEach(p -> out.println("  " + p));
        }
    }

    private static String describe(AgentStatus agent) {
        return agent.connected() ? "connected from " + agent.address() + agent.since().map(t -> " since " + t).orElse("")
                + ", " + agent.services() + " service(s) reported" : agent.detail();
    }
}
