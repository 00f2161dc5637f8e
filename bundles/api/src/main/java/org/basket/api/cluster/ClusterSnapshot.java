package org.basket.api.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.plan.Transition;

/**
 * @param config    the configuration in force
 * @param state     the last observed state
 * @param problems  rejected configuration
 * @param drivers   each configured driver endpoint and its status, sorted by name ("connected", "type 'x' not deployed", ...)
 * @param inFlight  the transition being executed, or empty
 * @param reasons   why a resource is not where it should be (stopped while enabled, waiting, held back), by resource
 *                  name, from the last plan; resources the last plan acts on or has nothing to say about are absent
 * @param manager   whether this manager acts, in words: "leads alone (embedded)", "leads in epoch 3", or why it does
 *                  not ("follows manager a", "not sure it may act: ...")
 */
public record ClusterSnapshot(ClusterConfig config, ClusterState state, List<ConfigProblem> problems,
                              Map<String, String> drivers, Transition inFlight, Map<String, String> reasons,
                              String manager) {
    public ClusterSnapshot {
        Objects.requireNonNull(manager, "manager");
        problems = List.copyOf(problems);
        drivers = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(drivers));
        reasons = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(reasons));
    }

    /** A snapshot of a manager that leads alone. */
    public ClusterSnapshot(ClusterConfig config, ClusterState state, List<ConfigProblem> problems,
                           Map<String, String> drivers, Transition inFlight, Map<String, String> reasons) {
        this(config, state, problems, drivers, inFlight, reasons, ALONE);
    }

    /** A snapshot without reasons. */
    public ClusterSnapshot(ClusterConfig config, ClusterState state, List<ConfigProblem> problems,
                           Map<String, String> drivers, Transition inFlight) {
        this(config, state, problems, drivers, inFlight, Map.of());
    }

    /** What {@link #manager()} says of a manager that leads alone, on the embedded default. */
    public static final String ALONE = "leads alone (embedded)";

    /** Why {@code resource} is not where it should be, or empty. */
    public String reason(String resource) {
        return reasons.getOrDefault(resource, "");
    }
}
