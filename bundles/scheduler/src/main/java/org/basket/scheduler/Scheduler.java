package org.basket.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;

/**
 * Plans a transition from the observed state towards the desired configuration. Deterministic: the
 * same input always gives the same plan; ties end in names.
 */
public final class Scheduler {
    /** Preference for the host a resource runs on, so that running resources stay put. */
    public static final int DEFAULT_STICKINESS = 100;

    private final int stickiness;

    public Scheduler() {
        this(DEFAULT_STICKINESS);
    }

    public Scheduler(int stickiness) {
        this.stickiness = stickiness;
    }

    public Plan plan(ClusterConfig config, ClusterState state) {
        List<String> notes = new ArrayList<>();
        Map<String, String> placement = new Placement(config, state, stickiness, notes).assign();
        return new Plan(new TreeMap<>(placement), new ActionPlanner(config, state, placement, notes).plan());
    }
}
