package org.basket.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.Tolerance;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.AnalysisView;

@Service
@Command(scope = "ha", name = "tolerance", description = "How many simultaneous host failures the cluster absorbs "
        + "with every resource of at least a priority still placed (combinations of failed hosts are planned, the "
        + "heaviest first; a search that reaches its limit says so), and the basket report: the critical load each "
        + "host carries, the sum of (priority + 1) x each resource's dominant share of the cluster in percent.")
public class ToleranceCommand extends JsonCommand {

    @Reference
    ClusterService cluster;

    @Option(name = "-p", aliases = "--priority", description = "Only resources of at least this priority must stay placed (default 0)")
    int priority;

    @Override
    protected void run() {
        Tolerance tolerance = cluster.tolerance(priority);
        if (json) {
            printJson(AnalysisView.tolerance(tolerance));
            return;
        }
        int hosts = tolerance.hosts().size();
        if (tolerance.required().isEmpty()) {
            out.println("No enabled resource has priority " + priority + " or more: nothing must stay placed.");
        } else {
            out.println("Resources of priority " + priority + " or more: " + String.join(", ", tolerance.required())
                    + ".");
            if (tolerance.absorbed() < 0) {
                out.println("Even with every host up, these cannot be placed: " + String.join(", ", tolerance.lost())
                        + ".");
            } else {
                out.println("The cluster absorbs " + failures(tolerance.absorbed()) + " of " + hosts + " host"
                        + (hosts == 1 ? "" : "s") + ".");
            }
            if (!tolerance.breaking().isEmpty()) {
                out.println("Losing " + String.join(" and ", tolerance.breaking()) + " together leaves "
                        + String.join(", ", tolerance.lost()) + " without a host.");
            }
            if (tolerance.bounded()) {
                out.println("The search stopped at its limit after " + tolerance.plans() + " plans, before trying every"
                        + " combination of " + (tolerance.absorbed() + 1) + " failures: it may absorb more.");
            }
        }
        out.println();
        out.println("Basket report: critical load per host (priority " + priority + " or more)");
        printTable(AnalysisView.loads(tolerance), "host", "load", "resources", "cpus", "memoryMb");
        tolerance.heaviest().ifPresent(h -> out.println("Heaviest: " + h.host() + " carries "
                + AnalysisView.load(h.load()) + " (" + String.join(", ", h.resources()) + ")."));
    }

    private static String failures(int n) {
        return n + " simultaneous host failure" + (n == 1 ? "" : "s");
    }
}
