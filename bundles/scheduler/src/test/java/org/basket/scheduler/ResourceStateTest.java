package org.basket.scheduler;

import static org.basket.scheduler.Cluster.VM_SIZE;
import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.junit.jupiter.api.Test;

class ResourceStateTest {

    @Test
    void aResourceActiveOnTwoHostsKeepsOneAndStopsTheOther() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1").running("vm1", "node1", "node2").plan();

        assertEquals(List.of("stop vm1 on node2"), Lines.actions(plan.transition()));
        assertEquals(Optional.of("node1"), plan.hostOf("vm1"));
        Lines.assertNote(plan.transition(), "vm1: active on node1, node2, keeping one");
    }

    @Test
    void theCopyKeptIsTheOneOnThePreferredHost() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1").running("vm1", "node1", "node2")
                .location("vm1", "node2", 10).plan();

        assertEquals(List.of("stop vm1 on node1"), Lines.actions(plan.transition()));
    }

    @Test
    void whenNeitherCopyCanStayBothStopBeforeTheNewStart() {
        Plan plan = cluster().host("node1", HostState.STANDBY).host("node2", HostState.STANDBY).hosts("node3")
                .vms("vm1").running("vm1", "node1", "node2").plan();

        assertEquals(List.of("stop vm1 on node1", "stop vm1 on node2", "start vm1 on node3"),
                Lines.actions(plan.transition()));
        assertEquals(List.of(
                "stop vm1 on node1 -> start vm1 on node3",
                "stop vm1 on node2 -> start vm1 on node3"), Lines.orderings(plan.transition()));
    }

    @Test
    void aResourceNoLongerConfiguredIsStopped() {
        Plan plan = cluster().hosts("node1").vms("vm1").running("vm1", "node1").running("ghost", "node1").plan();

        assertEquals(List.of("stop ghost on node1"), Lines.actions(plan.transition()));
        Lines.assertNote(plan.transition(), "ghost: no longer configured, stop on node1");
    }

    @Test
    void aDisabledRunningResourceIsStopped() {
        Plan plan = cluster().hosts("node1").resource(Resource.vm("vm1", VM_SIZE).withEnabled(false))
                .running("vm1", "node1").plan();

        assertEquals(List.of("stop vm1 on node1"), Lines.actions(plan.transition()));
        assertEquals(Optional.empty(), plan.hostOf("vm1"));
        Lines.assertNote(plan.transition(), "vm1: disabled, not placed");
    }

    @Test
    void aDisabledStoppedResourceIsNotStarted() {
        Plan plan = cluster().hosts("node1").resource(Resource.vm("vm1", VM_SIZE).withEnabled(false)).plan();

        assertEquals(List.of(), Lines.actions(plan.transition()));
        assertEquals(Optional.empty(), plan.hostOf("vm1"));
    }

    @Test
    void aVmOnAHostNoLongerConfiguredIsRestartedOnAConfiguredOne() {
        Plan plan = cluster().hosts("node1").unconfiguredHost("old", HostState.ONLINE)
                .vms("vm1").running("vm1", "old").plan();

        assertEquals(List.of("stop vm1 on old", "start vm1 on node1"), Lines.actions(plan.transition()));
        assertEquals(List.of("stop vm1 on old -> start vm1 on node1"), Lines.orderings(plan.transition()));
    }
}
