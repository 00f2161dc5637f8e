package org.basket.core;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import org.basket.api.cluster.EventKind;
import org.basket.api.model.ClusterState;
import org.basket.api.model.ResourceStatus;
import org.basket.core.silence.AgentSilenceGuard;
import org.basket.core.silence.SilenceDecision;
import org.basket.core.silence.SilencePolicy;

/**
 * Guest-level liveness: the agent of a running VM that holds guest services is expected to answer.
 * Each turn of the loop tells the {@link AgentSilenceGuard} which such VMs run and whose agents were
 * heard, and carries out its decisions: an alert, or a VM restart through {@link ServiceEscalation}.
 */
final class AgentSilenceWatch {
    private final GuestGateway guests;
    private final ServiceEscalation escalation;
    private final EventLog events;
    private final Clock clock;
    private final Set<String> watched = new HashSet<>();
    private SilencePolicy policy;
    private AgentSilenceGuard guard;

    AgentSilenceWatch(GuestGateway guests, ServiceEscalation escalation, EventLog events, Clock clock) {
        this.guests = guests;
        this.escalation = escalation;
        this.events = events;
        this.clock = clock;
    }

    /** A new policy starts afresh: every running VM gets its boot grace again. */
    synchronized void configure(SilencePolicy newPolicy) {
        if (!newPolicy.equals(policy)) {
            policy = newPolicy;
            guard = new AgentSilenceGuard(newPolicy, clock);
            watched.clear();
        }
    }

    synchronized void run(ClusterState state) {
        Set<String> vms = new TreeSet<>();
        guests.vmsWithServices().stream().filter(guests::serves).forEach(vms::add);
        for (String vm : Set.copyOf(watched)) {
            if (!vms.contains(vm)) {
                stopWatching(vm);
            }
        }
        for (String vm : vms) {
            ResourceStatus status = state.resource(vm);
            boolean running = status.activeOn().size() == 1 && !status.maintenance();
            if (!running) {
                stopWatching(vm);
                continue;
            }
            if (watched.add(vm)) {
                guard.vmStarted(vm);
            }
            if (guests.heard(vm)) {
                guard.heartbeat(vm);
            }
            act(vm, status.activeOn().get(0), guard.evaluate(vm));
        }
    }

    /**
     * A turn that did not build the state: each watched VM's agent heard at the last one is heard still, since its
     * silence would have been news (the gateway tells it) and made this turn plan.
     */
    synchronized void stillHeard() {
        watched.stream().filter(guests::heard).forEach(guard::heartbeat);
    }

    /** When the guard may next decide otherwise about a watched VM's agent, or null. */
    synchronized Instant nextDecision() {
        Instant next = null;
        for (String vm : watched) {
            Instant at = guard.nextDecision(vm).orElse(null);
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    private void act(String vm, String host, SilenceDecision decision) {
        switch (decision.action()) {
            case ALERT -> events.entry(EventKind.ALERT, "ALERT: " + decision.reason() + " (VM " + vm + " on " + host
                    + ")").resource(vm).host(host).error();
            case RESET_VM -> escalation.restartVm(vm, host, decision.reason());
            default -> {
            }
        }
    }

    private void stopWatching(String vm) {
        if (watched.remove(vm)) {
            guard.vmStopped(vm);
        }
    }
}
