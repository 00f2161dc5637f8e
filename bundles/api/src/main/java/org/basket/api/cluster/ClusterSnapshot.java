package org.basket.api.cluster;

import java.util.List;
import java.util.Map;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.plan.Transition;

/**
 * @param config    the configuration in force
 * @param state     the last observed state
 * @param problems  rejected configuration
 * @param drivers   each configured driver endpoint and its status, sorted by name ("connected", "type 'x' not deployed", ...)
 * @param inFlight  the transition being executed, or empty
 */
public record ClusterSnapshot(ClusterConfig config, ClusterState state, List<ConfigProblem> problems,
                              Map<String, String> drivers, Transition inFlight) {
    public ClusterSnapshot {
        problems = List.copyOf(problems);
        drivers = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(drivers));
    }
}
