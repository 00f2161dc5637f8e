package org.basket.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.Progress;
import org.basket.api.cluster.Progress.Phase;
import org.basket.api.cluster.Progress.Step;
import org.basket.api.plan.Action;

/** Where each action of the transition in flight stands, for {@code ha:progress}. */
final class ProgressTracker {
    private final Clock clock;
    private Instant started;
    private final Map<Action, Step> steps = new LinkedHashMap<>();
    private String aborted = "";

    ProgressTracker(Clock clock) {
        this.clock = clock;
    }

    synchronized void begin(List<Action> actions) {
        started = clock.instant();
        aborted = "";
        steps.clear();
        actions.forEach(a -> steps.put(a, new Step(a.toString(), Phase.PENDING, started, Duration.ZERO, "")));
    }

    synchronized void running(Action action) {
        steps.put(action, new Step(action.toString(), Phase.RUNNING, clock.instant(), Duration.ZERO, ""));
    }

    /** What a running action reports of its progress; its last report stays shown once it succeeded. */
    synchronized void detail(Action action, String detail) {
        Step step = steps.get(action);
        if (step != null && step.phase() == Phase.RUNNING) {
            steps.put(action, new Step(step.action(), Phase.RUNNING, step.since(), Duration.ZERO, detail));
        }
    }

    synchronized void done(Action action, boolean succeeded, String detail) {
        Step step = steps.get(action);
        Instant now = clock.instant();
        Duration took = step != null && step.phase() == Phase.RUNNING ? Duration.between(step.since(), now)
                : Duration.ZERO;
        String shown = detail == null || detail.isEmpty() ? step == null ? "" : step.detail() : detail;
        steps.put(action, new Step(action.toString(), succeeded ? Phase.SUCCEEDED : Phase.FAILED, now, took, shown));
    }

    synchronized void notStarted(Action action, Phase phase, String detail) {
        steps.put(action, new Step(action.toString(), phase, clock.instant(), Duration.ZERO, detail));
    }

    synchronized void aborted(String reason) {
        aborted = reason;
    }

    synchronized void end() {
        started = null;
        steps.clear();
        aborted = "";
    }

    synchronized Progress snapshot() {
        return started == null ? Progress.IDLE : new Progress(started, List.copyOf(steps.values()), aborted);
    }
}
