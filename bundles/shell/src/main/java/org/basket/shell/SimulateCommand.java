package org.basket.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.SimulationEvent;
import org.basket.api.cluster.SimulationResult;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.AnalysisView;

@Service
@Command(scope = "ha", name = "simulate", description = "What Basket would do after hypothetical events, applied in "
        + "order to the last observation and planned by the scheduler; nothing is executed. Events: fail:<host> (lost "
        + "unclean, fenced), standby:<host>, fail-resource:<resource>, add-vm:<name>:<cpus>:<memoryMb>.")
public class SimulateCommand extends JsonCommand {

    @Reference
    ClusterService cluster;

    @Argument(index = 0, name = "events", description = "One or more events, e.g. fail:node2 standby:node3 "
            + "fail-resource:db add-vm:test:2:4096", required = true, multiValued = true)
    @Completion(SimulationEventCompleter.class)
    List<String> events;

    @Override
    protected void run() {
        List<String> flags = events.stream().filter(e -> e.startsWith("-")).toList();
        trailingFlags(flags, "ha:simulate [--json] <event>... with events " + SimulationEvent.FORMS, Map.of());
        List<SimulationEvent> parsed = events.stream().filter(e -> !e.startsWith("-")).map(SimulationEvent::parse)
                .toList();
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("no event: ha:simulate [--json] <event>... with events "
                    + SimulationEvent.FORMS);
        }
        SimulationResult result = cluster.simulate(parsed);
        if (json) {
            printJson(AnalysisView.simulation(result));
            return;
        }
        out.println("After " + String.join(", ", AnalysisView.strings(result.events())) + ":");
        if (result.transition().isEmpty()) {
            out.println("  nothing to do.");
        } else {
            out.println("Planned actions:");
            result.transition().actions().forEach(a -> out.println("  " + a));
        }
        if (!result.changed().isEmpty()) {
            out.println();
            out.println("Placement changes:");
            printTable(AnalysisView.changes(result), "resource", "now", "planned");
        }
        if (!result.transition().notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            result.transition().notes().forEach(n -> out.println("  " + n));
        }
    }
}
