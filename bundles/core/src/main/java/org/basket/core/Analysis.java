package org.basket.core;

import java.util.List;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.Explanation;
import org.basket.api.cluster.Impact;
import org.basket.api.cluster.SimulationEvent;
import org.basket.api.cluster.SimulationResult;
import org.basket.api.cluster.Tolerance;
import org.basket.scheduler.Explainer;
import org.basket.scheduler.FailureTolerance;
import org.basket.scheduler.ImpactAnalysis;
import org.basket.scheduler.Scheduler;
import org.basket.scheduler.Simulation;

/**
 * The operator's analyses (impact, explanation, failure tolerance, simulation): the scheduler library run on one
 * snapshot, the configuration in force and the last observed state. Nothing is executed.
 */
final class Analysis {
    private final ClusterSnapshot snapshot;
    private final int stickiness;

    Analysis(ClusterSnapshot snapshot) {
        this(snapshot, Scheduler.DEFAULT_STICKINESS);
    }

    /** @param stickiness the manager's {@code resource.stickiness}, as the control loop plans with it */
    Analysis(ClusterSnapshot snapshot, int stickiness) {
        this.snapshot = snapshot;
        this.stickiness = stickiness;
    }

    Impact impact(String host, boolean fail) {
        return new ImpactAnalysis(new Scheduler(stickiness)).analyse(snapshot.config(), snapshot.state(), host, fail);
    }

    Explanation explain(String resource) {
        return new Explainer(stickiness).explain(snapshot.config(), snapshot.state(), resource);
    }

    Tolerance tolerance(int minPriority) {
        return new FailureTolerance(new Scheduler(stickiness), FailureTolerance.DEFAULT_MAX_PLANS).analyse(snapshot.config(), snapshot.state(), minPriority);
    }

    SimulationResult simulate(List<SimulationEvent> events) {
        return new Simulation(new Scheduler(stickiness)).run(snapshot.config(), snapshot.state(), events);
    }
}
