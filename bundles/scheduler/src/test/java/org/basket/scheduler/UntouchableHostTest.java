package org.basket.scheduler;

import static org.basket.scheduler.Cluster.VM_SIZE;
import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UntouchableHostTest {

    @ParameterizedTest
    @EnumSource(value = HostState.class, names = {"MAINTENANCE", "UNMANAGED"})
    void noActionTouchesTheHostOrItsResources(HostState hostState) {
        Plan plan = cluster()
                .host("node1", hostState)
                .hosts("node2")
                .vms("vm1", "vm3")
                .resource(Resource.vm("vm2", VM_SIZE).withEnabled(false))
                .guestService("svc1", "vm1")
                .running("vm1", "node1")
                .running("svc1", "node1")
                .running("vm2", "node1")
                .running("vm3", "node1", "node2")
                .running("ghost", "node1")
                .plan();

        assertEquals(List.of(), Lines.actions(plan.transition()));
        assertEquals(Optional.of("node1"), plan.hostOf("vm1"));
        assertEquals(Optional.of("node1"), plan.hostOf("svc1"));
        assertEquals(Optional.of("node1"), plan.hostOf("vm3"));
    }

    @ParameterizedTest
    @EnumSource(value = HostState.class, names = {"MAINTENANCE", "UNMANAGED"})
    void aResourceThereStillCountsAsRunningForAMandatoryOrder(HostState hostState) {
        Plan plan = cluster()
                .host("node1", hostState)
                .hosts("node2")
                .vms("vm1", "vm2")
                .order("vm1", "vm2")
                .running("vm1", "node1")
                .plan();

        assertEquals(List.of("start vm2 on node2"), Lines.actions(plan.transition()));
        assertEquals(Optional.of("node1"), plan.hostOf("vm1"));
    }

    @ParameterizedTest
    @EnumSource(value = HostState.class, names = {"MAINTENANCE", "UNMANAGED"})
    void aFailedResourceThereIsNotRestartedElsewhereWhileStillActive(HostState hostState) {
        Plan plan = cluster()
                .host("node1", hostState)
                .hosts("node2")
                .vms("vm1")
                .status(new ResourceStatus("vm1", List.of("node1"), "node1", Map.of("node1", 5)))
                .plan();

        assertEquals(List.of(), Lines.actions(plan.transition()));
        assertEquals(Optional.of("node1"), plan.hostOf("vm1"));
    }
}
