package org.basket.api.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The transition in flight: each action and where it stands.
 *
 * @param started when the transition began; {@code null} when Basket is idle
 * @param steps   every action of the transition, in planned order
 * @param aborted why the actions not yet started were abandoned, or empty
 */
public record Progress(Instant started, List<Step> steps, String aborted) {
    public static final Progress IDLE = new Progress(null, List.of(), "");

    public Progress {
        steps = List.copyOf(steps);
        aborted = aborted == null ? "" : aborted;
    }

    public enum Phase {
        PENDING,
        RUNNING,
        SUCCEEDED,
        FAILED,
        /** Not started: a new event made Basket re-plan, or the operator cancelled. */
        ABORTED,
        /** Not started: it waits for a fence that is backing off after failures. */
        WAITING
    }

    /**
     * One action.
     *
     * @param action the action, as the scheduler wrote it
     * @param phase  where it stands
     * @param since  when it entered this phase
     * @param took   how long it ran, once done
     * @param detail why it failed, was aborted or waits
     */
    public record Step(String action, Phase phase, Instant since, Duration took, String detail) {
        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(phase, "phase");
            took = took == null ? Duration.ZERO : took;
            detail = detail == null ? "" : detail;
        }
    }

    public boolean isIdle() {
        return started == null;
    }

    public long count(Phase phase) {
        return steps.stream().filter(s -> s.phase() == phase).count();
    }
}
