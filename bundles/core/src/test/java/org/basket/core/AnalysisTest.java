package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ImpactEntry.Effect;
import org.basket.api.cluster.SimulationEvent;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.scheduler.PlanInput;
import org.basket.scheduler.SchedulerOptions;
import org.junit.jupiter.api.Test;

/** The analyses plan from the input they are given; the manager hands them what its loop planned from last. */
class AnalysisTest {
    private static final Capacity HOST = new Capacity(16, 65536);

    private static Analysis analysis() {
        ClusterConfig config = ClusterConfig.of(
                List.of(new Host("node1", "sim", "", Map.of()), new Host("node2", "sim", "", Map.of())),
                List.of(Resource.vm("db", new Capacity(4, 8192)).withPriority(10)), List.of());
        ClusterState state = ClusterState.of(
                List.of(new HostStatus("node1", HostState.ONLINE, HOST), new HostStatus("node2", HostState.ONLINE, HOST)),
                List.of(ResourceStatus.runningOn("db", "node1")));
        return new Analysis(PlanInput.of(config, state));
    }

    @Test
    void eachAnalysisAnswersFromThePlanInput() {
        assertEquals(Effect.LIVE_MIGRATE, analysis().impact("node1", false).entry("db").orElseThrow().effect());
        assertEquals(Effect.RESTART, analysis().impact("node1", true).entry("db").orElseThrow().effect());
        assertEquals("node1", analysis().explain("db").picked());
        assertEquals(1, analysis().tolerance(10).absorbed());
        assertEquals("node2", analysis().simulate(List.of(SimulationEvent.parse("standby:node1"))).after().get("db"));
    }

    @Test
    void theAnalysesPlanWithTheManagersStickiness() {
        ClusterConfig config = ClusterConfig.of(
                List.of(new Host("node1", "sim", "", Map.of()), new Host("node2", "sim", "", Map.of())),
                List.of(Resource.vm("db", new Capacity(4, 8192))),
                List.of(new Constraint.Location("db-likes-node2", "db", "node2", 150)));
        ClusterState state = ClusterState.of(
                List.of(new HostStatus("node1", HostState.ONLINE, HOST), new HostStatus("node2", HostState.ONLINE, HOST)),
                List.of(ResourceStatus.runningOn("db", "node1")));
        PlanInput input = PlanInput.of(config, state);

        assertEquals("node2", new Analysis(withStickiness(input, 100)).explain("db").picked(), "150 beats the default 100");
        assertEquals("node1", new Analysis(withStickiness(input, 200)).explain("db").picked(), "a stickier db stays");
        assertEquals("node1", new Analysis(withStickiness(input, 200)).simulate(List.of()).after().get("db"));
    }

    @Test
    void aFailCountThatExpiredAtTheLoopsTimeNoLongerBansTheHost() {
        Instant failed = Instant.parse("2026-01-01T00:00:00Z");
        ClusterConfig config = ClusterConfig.of(
                List.of(new Host("node1", "sim", "", Map.of()), new Host("node2", "sim", "", Map.of())),
                List.of(Resource.vm("db", new Capacity(4, 8192)).withPriority(0)
                        .withFailureTimeout(Duration.ofMinutes(10)), Resource.vm("web", new Capacity(1, 1024))),
                List.of(new Constraint.Location("db-prefers-node1", "db", "node1", 50)));
        ClusterState state = ClusterState.of(
                List.of(new HostStatus("node1", HostState.ONLINE, HOST), new HostStatus("node2", HostState.ONLINE, HOST)),
                List.of(new ResourceStatus("db", List.of(), "", Map.of("node1", 3), false, Map.of("node1", failed)),
                        ResourceStatus.runningOn("web", "node1")));
        PlanInput late = new PlanInput(config, state, failed.plus(Duration.ofHours(1)), SchedulerOptions.DEFAULT);

        assertEquals("node1", new Analysis(late).explain("db").picked(), "the failure expired at the loop's time");
        assertEquals("node2", new Analysis(PlanInput.of(config, state)).explain("db").picked(),
                "without the time the failure never expires: the answer the operator got before");
    }

    @Test
    void aSimulatedVmFailureRestartsTheGuestServicesInsideIt() {
        Resource web = Resource.vm("web", new Capacity(2, 2048));
        Resource nginx = new Resource("nginx", ResourceKind.GUEST_SERVICE, "nginx", Capacity.NONE, false, 0, true,
                "web", 3, Duration.ZERO, null);
        ClusterConfig config = ClusterConfig.of(List.of(new Host("node1", "sim", "", Map.of())), List.of(web, nginx),
                List.of());
        ClusterState state = ClusterState.of(List.of(new HostStatus("node1", HostState.ONLINE, HOST)),
                List.of(ResourceStatus.runningOn("web", "node1"), ResourceStatus.runningOn("nginx", "node1")));

        List<String> actions = new Analysis(PlanInput.of(config, state))
                .simulate(List.of(SimulationEvent.parse("fail-resource:web"))).transition().actions().stream()
                .map(Object::toString).toList();
        assertEquals(List.of("stop web on node1", "start web on node1", "start nginx on node1"), actions);
    }

    private static PlanInput withStickiness(PlanInput input, int stickiness) {
        return new PlanInput(input.config(), input.state(), input.now(), SchedulerOptions.of(stickiness));
    }

    @Test
    void unknownNamesAreRejected() {
        assertEquals("unknown host 'node9' (configured: node1, node2)",
                assertThrows(IllegalArgumentException.class, () -> analysis().impact("node9", true)).getMessage());
        assertEquals("unknown resource 'web' (configured: db)",
                assertThrows(IllegalArgumentException.class, () -> analysis().explain("web")).getMessage());
        assertEquals("fail:node9: unknown host 'node9' (configured: node1, node2)",
                assertThrows(IllegalArgumentException.class,
                        () -> analysis().simulate(List.of(SimulationEvent.parse("fail:node9")))).getMessage());
    }

    @Test
    void theManagerDelegatesOnItsSnapshot() {
        ClusterManager manager = new ClusterManager();
        assertEquals("unknown host 'node1' (configured: )",
                assertThrows(IllegalArgumentException.class, () -> manager.impact("node1", false)).getMessage());
        assertEquals(0, manager.tolerance(0).absorbed(), "no host, nothing required");
    }
}
