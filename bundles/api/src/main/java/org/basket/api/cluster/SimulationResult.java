package org.basket.api.cluster;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.basket.api.plan.Transition;

/**
 * What the scheduler would do after hypothetical events. Nothing is executed.
 *
 * @param events     the events, in the order they were applied
 * @param before     where each configured resource (and each VM added) runs now: its hosts joined by {@code ,},
 *                   or empty when it does not run
 * @param after      where the plan places each of them, or empty when nowhere
 * @param transition the plan from the hypothetical state: actions, orderings and the scheduler's notes
 */
public record SimulationResult(List<SimulationEvent> events, SortedMap<String, String> before,
                               SortedMap<String, String> after, Transition transition) {
    public SimulationResult {
        events = List.copyOf(events);
        before = Collections.unmodifiableSortedMap(new TreeMap<>(before));
        after = Collections.unmodifiableSortedMap(new TreeMap<>(after));
        Objects.requireNonNull(transition, "transition");
    }

    /** The resources whose place changes, by name. */
    public List<String> changed() {
        return after.keySet().stream().filter(r -> !after.get(r).equals(before.getOrDefault(r, ""))).toList();
    }
}
