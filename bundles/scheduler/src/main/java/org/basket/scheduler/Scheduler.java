package org.basket.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.plan.Transition;

/**
 * Plans a transition from the observed state towards the desired configuration. Deterministic: the
 * same input always gives the same plan; ties end in names.
 *
 * <p>A scheduler keeps the index of the last configuration it planned (resources by position, constraints by
 * resource), so that planning another observed state of the same configuration instance, as the manager does
 * after each change of state, skips indexing it. Safe to share between threads.
 */
public final class Scheduler {
    /** Preference for the host a resource runs on, so that running resources stay put. */
    public static final int DEFAULT_STICKINESS = 100;

    private final SchedulerOptions options;
    /** The index of the configuration planned last: planning the same configuration again reuses it. */
    private volatile ConfigIndex lastIndex;

    public Scheduler() {
        this(DEFAULT_STICKINESS);
    }

    /** Balanced placement with the given stickiness, migrations unlimited. */
    public Scheduler(int stickiness) {
        this(SchedulerOptions.of(stickiness));
    }

    public Scheduler(SchedulerOptions options) {
        this.options = options;
    }

    public SchedulerOptions options() {
        return options;
    }

    /** Plans without a time: no fail count expires. */
    public Plan plan(ClusterConfig config, ClusterState state) {
        return plan(config, state, null, options);
    }

    /** Plans at {@code now}: fail counts past their resource's failure timeout are ignored. */
    public Plan plan(ClusterConfig config, ClusterState state, Instant now) {
        return plan(config, state, now, options);
    }

    /** Plans at {@code now} (null: no fail count expires) with the given options instead of this scheduler's. */
    public Plan plan(ClusterConfig config, ClusterState state, Instant now, SchedulerOptions options) {
        ConfigIndex index = index(config);
        List<String> notes = new ArrayList<>();
        ResourceTable table = ResourceTable.of(index, state, now, notes);
        Placement placement = new Placement(index, table, state, options, notes);
        placement.place();
        Transition transition = new ActionPlanner(index, table, state, placement.hosts(), notes).plan();
        Optional<String> waiting = placement.migrationsWaiting();
        if (waiting.isPresent()) {
            List<String> all = new ArrayList<>(transition.notes());
            all.add(waiting.get());
            transition = new Transition(transition.actions(), transition.orderings(), all);
        }
        return new Plan(placement.byName(), transition);
    }

    /** The index of the configuration: the last one's again if it is the same (immutable) configuration. */
    private ConfigIndex index(ClusterConfig config) {
        ConfigIndex index = lastIndex;
        if (index == null || index.config != config) {
            index = new ConfigIndex(config);
            lastIndex = index;
        }
        return index;
    }
}
