package org.basket.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.Progress.Phase;
import org.basket.api.cluster.Progress;
import org.basket.shell.support.JsonCommand;

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
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("started", progress.isIdle() ? null : progress.started().toString());
            all.put("steps", progress.steps().stream().map(ProgressCommand::step).toList());
            all.put("aborted", progress.aborted());
            all.put("draining", draining);
            printJson(all);
            return;
        }
        if (progress.isIdle()) {
            out.println("No transition in flight.");
        } else {
            out.println("Transition started " + ago(progress.started()) + ": " + summary(progress));
            if (!progress.aborted().isEmpty()) {
                out.println("Not started actions abandoned: " + progress.aborted());
            }
            printTable(progress.steps().stream().map(ProgressCommand::step).toList(), "action", "phase", "time", "detail");
        }
        draining.forEach((host, left) -> out.println("Draining " + host + ": " + left.size() + " resource(s) left ("
                + String.join(", ", left) + ")"));
    }

    static String summary(Progress progress) {
        return progress.count(Phase.SUCCEEDED) + " done, " + progress.count(Phase.FAILED) + " failed, "
                + progress.count(Phase.RUNNING) + " running, " + progress.count(Phase.PENDING) + " to do, "
                + (progress.count(Phase.ABORTED) + progress.count(Phase.WAITING)) + " not started";
    }

    private static Map<String, Object> step(Progress.Step step) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("action", step.action());
        row.put("phase", step.phase().name().toLowerCase());
        row.put("time", step.phase() == Phase.RUNNING ? "for " + ago(step.since()).replace(" ago", "")
                : step.took().isZero() ? "" : step.took().toMillis() + " ms");
        row.put("detail", step.detail());
        return row;
    }

    private static String ago(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 100 / 10.0 + " s ago";
    }
}
