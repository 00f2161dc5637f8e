package org.basket.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.Impact;
import org.basket.api.cluster.ImpactEntry;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.AnalysisView;

@Service
@Command(scope = "ha", name = "impact", description = "What is disrupted if I reboot this host? Plans, without "
        + "executing anything, the host going to standby (drained before the reboot) and lists each resource on it: "
        + "live-migrates (no outage), restarts elsewhere (an outage, and why), or cannot run anywhere (and why), with "
        + "the guest services inside each VM, then any resource elsewhere that the plan also disturbs. With --fail, "
        + "the host is lost instead: it is fenced and what ran there restarts elsewhere.")
public class ImpactCommand extends JsonCommand {

    @Reference
    ClusterService cluster;
    static final String[] COLUMNS = {"resource", "effect", "from", "to", "services", "why"};

    @Argument(index = 0, name = "host", description = "The host to reboot (or, with --fail, to lose)", required = true)
    @Completion(HostCompleter.class)
    String host;

    @Option(name = "--fail", description = "An unclean failure (fenced, everything restarts) instead of a planned reboot")
    boolean fail;

    @Argument(index = 1, name = "flags", description = "--fail or --json written after the host", required = false,
            multiValued = true)
    @Completion(values = {"--fail", "--json"}, value = StringsCompleter.class)
    List<String> after;

    @Override
    protected void run() {
        trailingFlags(after, "ha:impact [--fail] [--json] <host>", Map.of("--fail", () -> fail = true));
        Impact impact = cluster.impact(host, fail);
        if (json) {
            printJson(AnalysisView.impact(impact));
            return;
        }
        out.println(fail ? "If " + host + " fails (fenced first, then its resources restart elsewhere):"
                : "If " + host + " is rebooted (standby first: its resources move away):");
        if (impact.affected().isEmpty()) {
            out.println("  nothing runs on " + host + ".");
        } else {
            printTable(AnalysisView.entries(impact.affected()), COLUMNS);
        }
        if (!impact.knockOn().isEmpty()) {
            out.println();
            out.println("Also disturbed on other hosts:");
            printTable(AnalysisView.entries(impact.knockOn()), COLUMNS);
        }
        if (impact.affected().isEmpty() && impact.knockOn().isEmpty()) {
            return;
        }
        out.println();
        List<String> outages = java.util.stream.Stream.concat(impact.affected().stream(), impact.knockOn().stream())
                .filter(e -> e.effect().isOutage()).map(ImpactEntry::resource).toList();
        out.println("Summary: " + AnalysisView.effects(impact.affected())
                + (impact.knockOn().isEmpty() ? "" : "; elsewhere " + AnalysisView.effects(impact.knockOn())) + ". "
                + (outages.isEmpty() ? "No outage." : "Outage for " + String.join(", ", outages) + "."));
    }
}
