package org.basket.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.basket.api.cluster.EventKind;
import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;
import org.basket.api.plan.Transition;

/**
 * Holds back, while a host's fencing backs off after failing, that fence and every action that waits
 * for it, so that the loop neither executes nor announces what cannot run; says once per attempt when
 * the recovery will be tried again.
 */
final class FenceWait {
    private final FenceBackoff backoff;
    private final EventLog events;
    /** The attempt time last announced per host. */
    private final Map<String, Instant> announced = new HashMap<>();

    FenceWait(FenceBackoff backoff, EventLog events) {
        this.backoff = backoff;
        this.events = events;
    }

    /** The transition without the fences that must wait and what depends on them. */
    Transition runnable(Transition transition, Instant now) {
        Set<Action> held = new HashSet<>();
        for (Action action : transition.actions()) {
            if (action instanceof Action.Fence fence) {
                Optional<Instant> next = backoff.waitingUntil(fence.host(), now);
                if (next.isPresent()) {
                    held.add(action);
                    announce(fence.host(), next.get(), transition);
                }
            }
        }
        announced.keySet().removeIf(host -> backoff.waitingUntil(host, now).isEmpty());
        if (held.isEmpty()) {
            return transition;
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Ordering ordering : transition.orderings()) {
                if (held.contains(ordering.first()) && held.add(ordering.then())) {
                    grew = true;
                }
            }
        }
        List<Action> actions = transition.actions().stream().filter(a -> !held.contains(a)).toList();
        List<Ordering> orderings = transition.orderings().stream()
                .filter(o -> !held.contains(o.first()) && !held.contains(o.then())).toList();
        return new Transition(actions, orderings, transition.notes());
    }

    private void announce(String host, Instant next, Transition transition) {
        if (next.equals(announced.put(host, next))) {
            return;
        }
        List<String> waiting = new ArrayList<>();
        for (Ordering ordering : transition.orderings()) {
            if (ordering.first().equals(new Action.Fence(host))) {
                waiting.add(ordering.then().toString());
            }
        }
        events.entry(EventKind.FENCE_FAILED, "fencing " + host + " failed; next attempt at " + next
                + (waiting.isEmpty() ? "" : "; until then its recovery waits: " + String.join(", ", waiting)))
                .host(host).warn();
    }
}
