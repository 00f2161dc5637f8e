package org.basket.shell.view;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.Progress;
import org.basket.api.cluster.Progress.Phase;

/** The transition in flight as rows and JSON fields. */
public final class ProgressView {
    private ProgressView() {
    }

    /** The progress with the hosts still draining, as ha:progress --json gives it. */
    public static Map<String, Object> map(Progress progress, Map<String, List<String>> draining) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("started", progress.isIdle() ? null : progress.started().toString());
        all.put("steps", progress.steps().stream().map(ProgressView::step).toList());
        all.put("aborted", progress.aborted());
        all.put("draining", draining);
        return all;
    }

    public static String summary(Progress progress) {
        return progress.count(Phase.SUCCEEDED) + " done, " + progress.count(Phase.FAILED) + " failed, "
                + progress.count(Phase.RUNNING) + " running, " + progress.count(Phase.PENDING) + " to do, "
                + (progress.count(Phase.ABORTED) + progress.count(Phase.WAITING)) + " not started";
    }

    public static Map<String, Object> step(Progress.Step step) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("action", step.action());
        row.put("phase", step.phase().name().toLowerCase());
        row.put("time", step.phase() == Phase.RUNNING ? "for " + ago(step.since()).replace(" ago", "")
                : step.took().isZero() ? "" : step.took().toMillis() + " ms");
        row.put("detail", step.detail());
        return row;
    }

    /** "1.5 s ago". */
    public static String ago(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 100 / 10.0 + " s ago";
    }
}
