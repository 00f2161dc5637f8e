package org.basket.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.Explanation;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.AnalysisView;

@Service
@Command(scope = "ha", name = "explain", description = "Why a resource runs where it does: each host's score for it "
        + "and what makes the score (host state, capacity short, failure threshold, stickiness, location constraints, "
        + "colocation and anti-affinity with named resources), and the host the scheduler picks.")
public class ExplainCommand extends JsonCommand {

    @Reference
    ClusterService cluster;

    @Argument(index = 0, name = "resource", description = "The resource's name", required = true)
    @Completion(ResourceCompleter.class)
    String resource;

    @Argument(index = 1, name = "flags", description = "--json written after the resource", required = false,
            multiValued = true)
    List<String> after;

    @Override
    protected void run() {
        trailingFlags(after, "ha:explain [--json] <resource>", Map.of());
        Explanation explanation = cluster.explain(resource);
        if (json) {
            printJson(AnalysisView.explanation(explanation));
            return;
        }
        String runs = explanation.runsOn().isEmpty() ? resource + " does not run"
                : resource + " runs on " + String.join(",", explanation.runsOn());
        String picks = explanation.picked().isEmpty() ? "the scheduler places it nowhere"
                : "the scheduler picks " + explanation.picked();
        out.println(runs + "; " + picks + ".");
        if (!explanation.hosts().isEmpty()) {
            out.println();
            out.println("Scores" + (explanation.scoredAs().equals(resource) ? "" : " of its VM " + explanation.scoredAs())
                    + (explanation.placedBefore().isEmpty() ? " (placed first)"
                            : " (placed after " + String.join(", ", explanation.placedBefore()) + ")") + ":");
            printTable(AnalysisView.scores(explanation), "host", "score", "placed", "terms");
        }
        if (!explanation.notes().isEmpty()) {
            out.println();
            out.println("Notes:");
            explanation.notes().forEach(n -> out.println("  " + n));
        }
    }
}
