package org.basket.shell;

import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.Progress;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.ProgressView;
import org.basket.shell.view.ClusterView;

@Service
@Command(scope = "ha", name = "progress", description = "Shows the transition in flight action by action (done, running, "
        + "not started) and the hosts still draining. Cancel with ha:cancel.")
public class ProgressCommand extends JsonCommand {

    @Reference
    ClusterService cluster;

    @Override
    protected void run() {
        Progress progress = cluster.progress();
        Map<String, List<String>> draining = new ClusterView(cluster.snapshot()).draining();
        if (json) {
            printJson(ProgressView.map(progress, draining));
            return;
        }
        if (progress.isIdle()) {
            out.println("No transition in flight.");
        } else {
            out.println("Transition started " + ProgressView.ago(progress.started()) + ": " + ProgressView.summary(progress));
            if (!progress.aborted().isEmpty()) {
                out.println("Not started actions abandoned: " + progress.aborted());
            }
            printTable(progress.steps().stream().map(ProgressView::step).toList(), "action", "phase", "time", "detail");
        }
        draining.forEach((host, left) -> out.println("Draining " + host + ": " + left.size() + " resource(s) left ("
                + String.join(", ", left) + ")"));
    }
}
