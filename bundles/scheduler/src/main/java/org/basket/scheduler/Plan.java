package org.basket.scheduler;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.basket.api.plan.Transition;

/**
 * The scheduler's answer.
 *
 * @param placement  where each resource that should run will run, by resource name
 * @param transition the actions that get there from the observed state, with the explanation
 */
public record Plan(SortedMap<String, String> placement, Transition transition) {
    public Plan {
        placement = Collections.unmodifiableSortedMap(new TreeMap<>(placement));
    }

    public Optional<String> hostOf(String resource) {
        return Optional.ofNullable(placement.get(resource));
    }
}
