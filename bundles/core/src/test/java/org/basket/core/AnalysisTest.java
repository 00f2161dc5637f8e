package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterSnapshot;
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
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Transition;
import org.junit.jupiter.api.Test;

/** The analyses run the scheduler on the snapshot they are given; the manager hands them its own. */
class AnalysisTest {
    private static final Capacity HOST = new Capacity(16, 65536);

    private static Analysis analysis() {
        ClusterConfig config = ClusterConfig.of(
                List.of(new Host("node1", "sim", "", Map.of()), new Host("node2", "sim", "", Map.of())),
                List.of(Resource.vm("db", new Capacity(4, 8192)).withPriority(10)), List.of());
        ClusterState state = ClusterState.of(
                List.of(new HostStatus("node1", HostState.ONLINE, HOST), new HostStatus("node2", HostState.ONLINE, HOST)),
                List.of(ResourceStatus.runningOn("db", "node1")));
        return new Analysis(new ClusterSnapshot(config, state, List.of(), Map.of(), Transition.EMPTY));
    }

    @Test
    void eachAnalysisAnswersFromTheSnapshot() {
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
        ClusterSnapshot snapshot = new ClusterSnapshot(config, state, List.of(), Map.of(), Transition.EMPTY);

        assertEquals("node2", new Analysis(snapshot, 100).explain("db").picked(), "150 beats the default 100");
        assertEquals("node1", new Analysis(snapshot, 200).explain("db").picked(), "a stickier db stays");
        assertEquals("node1", new Analysis(snapshot, 200).simulate(List.of()).after().get("db"));
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
