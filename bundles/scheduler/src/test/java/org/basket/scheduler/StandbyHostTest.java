package org.basket.scheduler;

import static org.basket.scheduler.Cluster.HOST_SIZE;
import static org.basket.scheduler.Cluster.VM_SIZE;
import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.plan.Action;
import org.junit.jupiter.api.Test;

class StandbyHostTest {

    private static Cluster draining() {
        return cluster()
                .host("node1", HostState.STANDBY)
                .hosts("node2", "node3")
                .vms("vm1", "vm3", "vm4")
                .resource(Resource.vm("vm2", VM_SIZE).withMigratable(false))
                .running("vm1", "node1")
                .running("vm2", "node1")
                .running("vm3", "node2")
                .running("vm4", "node3");
    }

    @Test
    void migratableVmsMigrateAndTheOthersStopThenStart() {
        Plan plan = draining().plan();

        assertEquals(List.of(
                "stop vm2 on node1",
                "migrate vm1 from node1 to node2",
                "start vm2 on node3"), Lines.actions(plan.transition()));
        assertEquals(List.of("stop vm2 on node1 -> start vm2 on node3"), Lines.orderings(plan.transition()));
        Lines.assertNote(plan.transition(), "vm1: migrate from node1 (standby) to node2");
        Lines.assertNote(plan.transition(), "vm2: restart on node3 (not migratable)");
    }

    @Test
    void nothingMovesOntoTheStandbyHost() {
        Plan plan = draining().vms("new1", "new2", "new3").plan();

        assertTrue(plan.placement().values().stream().noneMatch("node1"::equals), plan.placement()::toString);
        for (Action action : plan.transition().actions()) {
            boolean ontoNode1 = action instanceof Action.Start s && s.host().equals("node1")
                    || action instanceof Action.Migrate m && m.to().equals("node1");
            assertTrue(!ontoNode1, action::toString);
        }
    }

    @Test
    void betweenHostsOfDifferentDriversAMigratableVmIsRestarted() {
        Plan plan = cluster()
                .host("node1", "kvm", HostState.STANDBY, HOST_SIZE)
                .host("node2", "vsphere", HostState.ONLINE, HOST_SIZE)
                .vms("vm1").running("vm1", "node1").plan();

        assertEquals(List.of("stop vm1 on node1", "start vm1 on node2"), Lines.actions(plan.transition()));
        assertEquals(List.of("stop vm1 on node1 -> start vm1 on node2"), Lines.orderings(plan.transition()));
        Lines.assertNote(plan.transition(), "vm1: restart on node2 (hosts do not share a driver)");
    }

    @Test
    void aVmWithNowhereToGoIsStopped() {
        Plan plan = cluster().host("node1", HostState.STANDBY).vms("vm1").running("vm1", "node1").plan();

        assertEquals(List.of("stop vm1 on node1"), Lines.actions(plan.transition()));
    }
}
