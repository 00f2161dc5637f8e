package org.basket.core.silence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what to do about agents gone silent while their VM runs: nothing during the boot grace or
 * while heartbeats arrive within the grace period; then one alert per silence, or a VM reset while
 * fewer than {@code maxResets} resets happened (over all agents) in the last {@code resetWindow},
 * an alert beyond. A reset counts as a new boot. Pure: no threads, no I/O, time from the clock.
 * The manager tells it of VM starts and stops and of heartbeats, and asks {@link #evaluate} often.
 */
public final class AgentSilenceGuard {
    private final SilencePolicy policy;
    private final Clock clock;
    private final Map<String, Watch> watches = new HashMap<>();
    private final Deque<Instant> resets = new ArrayDeque<>();

    public AgentSilenceGuard(SilencePolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** The agent's VM started (or was first seen running): its boot grace starts now. */
    public synchronized void vmStarted(String agentName) {
        watches.put(agentName, new Watch(clock.instant()));
    }

    /** The agent's VM stopped on purpose: its silence means nothing. */
    public synchronized void vmStopped(String agentName) {
        watches.remove(agentName);
    }

    public synchronized void heartbeat(String agentName) {
        Watch watch = watches.get(agentName);
        if (watch != null) {
            watch.lastHeartbeat = clock.instant();
            watch.alerted = false;
        }
    }

    public synchronized SilenceDecision evaluate(String agentName) {
        Watch watch = watches.get(agentName);
        if (watch == null) {
            return SilenceDecision.nothing("VM of agent " + agentName + " is not known to run");
        }
        Instant now = clock.instant();
        Instant deadline = watch.deadline();
        if (now.isBefore(deadline)) {
            return SilenceDecision.nothing(watch.lastHeartbeat == null
                    ? "agent " + agentName + " in boot grace until " + deadline
                    : "agent " + agentName + " heard within the grace period");
        }
        String silence = watch.lastHeartbeat == null
                ? "agent " + agentName + " sent no heartbeat within the boot grace of " + seconds(policy.bootGrace())
                : "agent " + agentName + " silent for " + seconds(Duration.between(watch.lastHeartbeat, now))
                        + " (grace " + seconds(policy.grace()) + ")";
        if (policy.action() == SilenceAction.RESET_VM) {
            forgetResetsBefore(now.minus(policy.resetWindow()));
            if (resets.size() < policy.maxResets()) {
                resets.addLast(now);
                watches.put(agentName, new Watch(now));
                return new SilenceDecision(SilenceAction.RESET_VM, silence + ": reset its VM");
            }
            silence += "; not resetting its VM: " + resets.size() + " reset(s) in the last " + seconds(policy.resetWindow());
        }
        if (watch.alerted) {
            return SilenceDecision.nothing(silence + " (already alerted)");
        }
        watch.alerted = true;
        return new SilenceDecision(SilenceAction.ALERT, silence);
    }

    /**
     * When {@link #evaluate} may next decide otherwise for the agent, nothing else happening: the end of its (boot)
     * grace, or, once past it with the resets used up, when the oldest reset leaves the window; empty when only a
     * heartbeat or its VM's start or stop can change the decision.
     */
    public synchronized Optional<Instant> nextDecision(String agentName) {
        Watch watch = watches.get(agentName);
        if (watch == null) {
            return Optional.empty();
        }
        Instant deadline = watch.deadline();
        if (clock.instant().isBefore(deadline)) {
            return Optional.of(deadline);
        }
        if (policy.action() == SilenceAction.RESET_VM && !resets.isEmpty()) {
            return Optional.of(resets.peekFirst().plus(policy.resetWindow()));
        }
        return Optional.empty();
    }

    private void forgetResetsBefore(Instant start) {
        while (!resets.isEmpty() && !resets.peekFirst().isAfter(start)) {
            resets.removeFirst();
        }
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() / 1000.0 + " s";
    }

    private final class Watch {
        private final Instant startedAt;
        private Instant lastHeartbeat;
        private boolean alerted;

        Watch(Instant startedAt) {
            this.startedAt = startedAt;
        }

        Instant deadline() {
            Instant bootDeadline = startedAt.plus(policy.bootGrace());
            if (lastHeartbeat == null) {
                return bootDeadline;
            }
            Instant heartbeatDeadline = lastHeartbeat.plus(policy.grace());
            return heartbeatDeadline.isAfter(bootDeadline) ? heartbeatDeadline : bootDeadline;
        }
    }
}
