package org.basket.scheduler;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.basket.api.cluster.SimulationEvent;
import org.basket.api.cluster.SimulationResult;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;

/**
 * What the scheduler plans after hypothetical events: each event edits the configuration or the observed state, in
 * order, and the result is planned once. Pure: nothing is executed.
 */
public final class Simulation {
    private final Scheduler scheduler;

    public Simulation() {
        this(new Scheduler());
    }

    public Simulation(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * @throws IllegalArgumentException naming the event and its unknown host or resource, a resource that does not
     *                                  run, or a VM name already configured
     */
    public SimulationResult run(ClusterConfig config, ClusterState state, List<SimulationEvent> events) {
        return run(new PlanInput(config, state, null, scheduler.options()), events);
    }

    /** The plan made from {@code input} after the events, in order. */
    public SimulationResult run(PlanInput input, List<SimulationEvent> events) {
        ClusterConfig c = input.config();
        ClusterState state = input.state();
        ClusterState s = state;
        for (SimulationEvent event : events) {
            try {
                if (event instanceof SimulationEvent.HostFails fails) {
                    WhatIf.requireHost(c, fails.host());
                    s = WhatIf.hostIn(s, fails.host(), HostState.UNCLEAN, "simulated failure");
                } else if (event instanceof SimulationEvent.HostStandby standby) {
                    WhatIf.requireHost(c, standby.host());
                    s = WhatIf.hostIn(s, standby.host(), HostState.STANDBY, "simulated standby");
                } else if (event instanceof SimulationEvent.ResourceFails fails) {
                    WhatIf.requireResource(c, fails.resource());
                    if (!s.resource(fails.resource()).isActive()) {
                        throw new IllegalArgumentException(fails.resource() + " does not run, so it cannot fail");
                    }
                    s = WhatIf.resourceFailed(c, s, fails.resource());
                } else if (event instanceof SimulationEvent.AddVm add) {
                    if (c.resources().containsKey(add.name())) {
                        throw new IllegalArgumentException("resource '" + add.name() + "' is already configured");
                    }
                    SortedMap<String, Resource> resources = new TreeMap<>(c.resources());
                    resources.put(add.name(), Resource.vm(add.name(), new Capacity(add.cpus(), add.memoryMb())));
                    c = new ClusterConfig(c.hosts(), resources, c.constraints());
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(event + ": " + e.getMessage(), e);
            }
        }
        Plan plan = input.withConfig(c).withState(s).plan(scheduler);
        SortedMap<String, String> before = new TreeMap<>();
        SortedMap<String, String> after = new TreeMap<>();
        for (String resource : c.resources().keySet()) {
            before.put(resource, String.join(",", state.resource(resource).activeOn()));
            after.put(resource, plan.hostOf(resource).orElse(""));
        }
        return new SimulationResult(events, before, after, plan.transition());
    }
}
