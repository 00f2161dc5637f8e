package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Transition;
import org.basket.scheduler.Scheduler;
import org.junit.jupiter.api.Test;

/** The operator is told why each resource is not where it should be, in the scheduler's words. */
class ResourceReasonsTest {
    private static final List<Host> HOSTS = List.of(new Host("h1", "sim", "h1", Map.of()));
    private static final Resource SMALL = Resource.vm("small", new Capacity(1, 1024));
    private static final Resource BIG = Resource.vm("big", new Capacity(1, 5120));
    private static final Resource OFF = Resource.vm("off", new Capacity(1, 1024)).withEnabled(false);
    private static final ClusterConfig CONFIG = ClusterConfig.of(HOSTS, List.of(SMALL, BIG, OFF), List.of());
    private static final ClusterState STATE = ClusterState.of(
            List.of(new HostStatus("h1", HostState.ONLINE, new Capacity(4, 4096))),
            List.of(ResourceStatus.runningOn("small", "h1")));

    @Test
    void aStoppedResourceThatCannotRunAnywhereSaysWhy() {
        Transition transition = new Scheduler().plan(CONFIG, STATE).transition();

        Map<String, String> reasons = ResourceReasons.of(CONFIG, CONFIG, transition);

        assertEquals(Map.of("big", "cannot run anywhere: h1 has 3 CPU / 3072 MB free, needs 1 CPU / 5120 MB"), reasons);
    }

    @Test
    void aResourceHeldBackFromTheSchedulerSaysSoInsteadOfDisabled() {
        ClusterConfig planned = ClusterConfig.of(HOSTS, List.of(SMALL, BIG.withEnabled(false), OFF), List.of());
        Transition transition = new Scheduler().plan(planned, STATE).transition();

        assertEquals(Map.of("big", "held back until it has stopped, to restart"),
                ResourceReasons.of(CONFIG, planned, transition));
    }

    @Test
    void resourcesThePlanActsOnOrThatAreDisabledHaveNoReason() {
        ClusterState nothingRuns = ClusterState.of(STATE.hosts().values(), List.of());
        Transition transition = new Scheduler().plan(CONFIG, nothingRuns).transition();

        Map<String, String> reasons = ResourceReasons.of(CONFIG, CONFIG, transition);

        assertEquals(false, reasons.containsKey("small"), reasons.toString());
        assertEquals(false, reasons.containsKey("off"), reasons.toString());
    }
}
