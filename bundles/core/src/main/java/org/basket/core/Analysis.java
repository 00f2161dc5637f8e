package org.basket.core;

import java.util.List;

import org.basket.api.cluster.Explanation;
import org.basket.api.cluster.Impact;
import org.basket.api.cluster.SimulationEvent;
import org.basket.api.cluster.SimulationResult;
import org.basket.api.cluster.Tolerance;
import org.basket.scheduler.Explainer;
import org.basket.scheduler.FailureTolerance;
import org.basket.scheduler.ImpactAnalysis;
import org.basket.scheduler.PlanInput;
import org.basket.scheduler.Scheduler;
import org.basket.scheduler.Simulation;

/**
 * The operator's analyses (impact, explanation, failure tolerance, simulation): the scheduler library run on
 * exactly what the control loop planned from last (the configuration after its own adjustments, the state, the
 * time and the options), so that each answers what the loop would do. Nothing is executed.
 */
final class Analysis {
    private final PlanInput input;
    private final Scheduler scheduler;

    Analysis(PlanInput input) {
        this.input = input;
        this.scheduler = new Scheduler(input.options());
    }

    Impact impact(String host, boolean fail) {
        return new ImpactAnalysis(scheduler).analyse(input, host, fail);
    }

    Explanation explain(String resource) {
        return new Explainer(input.options()).explain(input, resource);
    }

    Tolerance tolerance(int minPriority) {
        return new FailureTolerance(scheduler, FailureTolerance.DEFAULT_MAX_PLANS).analyse(input, minPriority);
    }

    SimulationResult simulate(List<SimulationEvent> events) {
        return new Simulation(scheduler).run(input, events);
    }
}
