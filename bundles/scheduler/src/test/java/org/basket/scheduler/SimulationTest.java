package org.basket.scheduler;

import static org.basket.scheduler.Cluster.VM_SIZE;
import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.basket.api.cluster.SimulationEvent;
import org.basket.api.cluster.SimulationResult;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private static Cluster twoVms() {
        return cluster().hosts("node1", "node2", "node3").vms("vm1", "vm2", "vm3")
                .running("vm1", "node1").running("vm2", "node2");
    }

    private static SimulationResult simulate(Cluster cluster, String... events) {
        SimulationResult result = new Simulation().run(cluster.config(), cluster.state(),
                List.of(events).stream().map(SimulationEvent::parse).toList());
        Lines.assertConsistent(result.transition());
        return result;
    }

    @Test
    void aFailedHostIsFencedAndItsVmRestartedElsewhere() {
        SimulationResult result = simulate(twoVms().location("vm3", "node1", -1_000_000), "fail:node2");

        assertEquals(List.of("fence node2", "start vm2 on node3", "start vm3 on node3"),
                Lines.actions(result.transition()));
        assertEquals(Map.of("vm1", "node1", "vm2", "node2", "vm3", ""), result.before());
        assertEquals(Map.of("vm1", "node1", "vm2", "node3", "vm3", "node3"), result.after());
        assertEquals(List.of("vm2", "vm3"), result.changed());
    }

    @Test
    void eventsApplyInOrderAndAnAddedVmIsPlaced() {
        SimulationResult result = simulate(twoVms(), "standby:node1", "add-vm:new:2:4096");

        assertEquals(List.of("migrate vm1 from node1 to node3", "start new on node2", "start vm3 on node3"),
                Lines.actions(result.transition()));
        assertEquals("", result.before().get("new"));
        assertEquals("node2", result.after().get("new"));
        assertEquals(List.of("standby:node1", "add-vm:new:2:4096"),
                result.events().stream().map(Object::toString).toList());
    }

    @Test
    void aFailedResourceAtItsThresholdIsRecoveredOnAnotherHost() {
        Cluster cluster = cluster().hosts("node1", "node2")
                .resource(new Resource("db", ResourceKind.VIRTUAL_MACHINE, "db", VM_SIZE, true, 0, true, "", 1))
                .running("db", "node1");

        SimulationResult result = simulate(cluster, "fail-resource:db");

        assertEquals(List.of("stop db on node1", "start db on node2"), Lines.actions(result.transition()));
        Lines.assertNote(result.transition(), "db: recover on node2 after failure on node1");
    }

    @Test
    void noEventAtAllIsThePlanAsThingsAre() {
        SimulationResult result = simulate(twoVms());

        assertEquals(List.of("start vm3 on node3"), Lines.actions(result.transition()));
    }

    @Test
    void mistakesNameTheEvent() {
        assertEquals("fail:node9: unknown host 'node9' (configured: node1, node2, node3)",
                assertThrows(IllegalArgumentException.class, () -> simulate(twoVms(), "fail:node9")).getMessage());
        assertEquals("standby:node9: unknown host 'node9' (configured: node1, node2, node3)",
                assertThrows(IllegalArgumentException.class, () -> simulate(twoVms(), "standby:node9")).getMessage());
        assertEquals("fail-resource:vm3: vm3 does not run, so it cannot fail",
                assertThrows(IllegalArgumentException.class, () -> simulate(twoVms(), "fail-resource:vm3"))
                        .getMessage());
        assertEquals("fail-resource:db: unknown resource 'db' (configured: vm1, vm2, vm3)",
                assertThrows(IllegalArgumentException.class, () -> simulate(twoVms(), "fail-resource:db"))
                        .getMessage());
        assertEquals("add-vm:vm1:1:512: resource 'vm1' is already configured",
                assertThrows(IllegalArgumentException.class, () -> simulate(twoVms(), "add-vm:vm1:1:512"))
                        .getMessage());
    }
}
