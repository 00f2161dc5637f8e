package org.basket.scheduler;

import static org.basket.scheduler.Cluster.VM_SIZE;
import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

class GuestServiceTest {

    @Test
    void isPlacedWhereItsVmIsAndStartedAfterIt() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1")
                .guestService("svc1", "vm1")
                .location("vm1", "node2", 10).plan();

        assertEquals(Optional.of("node2"), plan.hostOf("svc1"));
        assertEquals(List.of("start vm1 on node2", "start svc1 on node2"), Lines.actions(plan.transition()));
        assertEquals(List.of("start vm1 on node2 -> start svc1 on node2"), Lines.orderings(plan.transition()));
    }

    @Test
    void getsNoActionWhenItsVmMigrates() {
        Plan plan = cluster().host("node1", HostState.STANDBY).hosts("node2").vms("vm1")
                .guestService("svc1", "vm1")
                .running("vm1", "node1").running("svc1", "node1").plan();

        assertEquals(List.of("migrate vm1 from node1 to node2"), Lines.actions(plan.transition()));
        assertEquals(Optional.of("node2"), plan.hostOf("svc1"));
    }

    @Test
    void isStartedAfterItsVmArrivesWhenItWasNotRunning() {
        Plan plan = cluster().host("node1", HostState.STANDBY).hosts("node2").vms("vm1")
                .guestService("svc1", "vm1")
                .running("vm1", "node1").failed("svc1", "node1", 1).plan();

        assertEquals(List.of("stop svc1 on node1", "migrate vm1 from node1 to node2", "start svc1 on node2"),
                Lines.actions(plan.transition()));
        assertEquals(List.of("migrate vm1 from node1 to node2 -> start svc1 on node2",
                "stop svc1 on node1 -> start svc1 on node2"), Lines.orderings(plan.transition()));
    }

    @Test
    void isStoppedBeforeAndStartedAfterItsVmWhenTheVmRestarts() {
        Plan plan = cluster().host("node1", HostState.STANDBY).hosts("node2")
                .resource(Resource.vm("vm1", VM_SIZE).withMigratable(false))
                .guestService("svc1", "vm1")
                .running("vm1", "node1").running("svc1", "node1").plan();

        assertEquals(List.of(
                "stop svc1 on node1",
                "stop vm1 on node1",
                "start vm1 on node2",
                "start svc1 on node2"), Lines.actions(plan.transition()));
        assertEquals(List.of(
                "start vm1 on node2 -> start svc1 on node2",
                "stop svc1 on node1 -> start svc1 on node2",
                "stop svc1 on node1 -> stop vm1 on node1",
                "stop vm1 on node1 -> start vm1 on node2"), Lines.orderings(plan.transition()));
    }

    @Test
    void doesNotRunWhenItsVmDoesNot() {
        Plan plan = cluster().hosts("node1").vms("vm1")
                .guestService("svc1", "vm1")
                .location("vm1", "node1", Score.MINUS_INFINITY).plan();

        assertEquals(Optional.empty(), plan.hostOf("svc1"));
        assertEquals(List.of(), Lines.actions(plan.transition()));
        Lines.assertNote(plan.transition(), "svc1: cannot run because its VM vm1 does not run");
    }

    @Test
    void isStoppedBeforeItsVmWhenBothAreDisabled() {
        Plan plan = cluster().hosts("node1")
                .resource(Resource.vm("vm1", VM_SIZE).withEnabled(false))
                .resource(new Resource("svc1", ResourceKind.GUEST_SERVICE, "svc1", VM_SIZE, false, 0, false, "vm1", 3))
                .running("vm1", "node1").running("svc1", "node1").plan();

        assertEquals(List.of("stop svc1 on node1", "stop vm1 on node1"), Lines.actions(plan.transition()));
        assertEquals(List.of("stop svc1 on node1 -> stop vm1 on node1"), Lines.orderings(plan.transition()));
    }

    @Test
    void aDisabledServiceIsStoppedWhileItsVmKeepsRunning() {
        Plan plan = cluster().hosts("node1").vms("vm1")
                .resource(new Resource("svc1", ResourceKind.GUEST_SERVICE, "svc1", VM_SIZE, false, 0, false, "vm1", 3))
                .running("vm1", "node1").running("svc1", "node1").plan();

        assertEquals(List.of("stop svc1 on node1"), Lines.actions(plan.transition()));
    }
}
