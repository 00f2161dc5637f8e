package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.basket.api.model.HostState;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

class HostOrderingTest {

    @Test
    void stopsOnAHostComeBeforeStartsAndMigrationsOntoIt() {
        Plan plan = cluster()
                .hosts("node1")
                .host("node2", HostState.STANDBY)
                .vms("vm1", "vm2")
                .running("ghost", "node1")
                .running("vm2", "node2")
                .plan();

        assertEquals(List.of(
                "stop ghost on node1",
                "migrate vm2 from node2 to node1",
                "start vm1 on node1"), Lines.actions(plan.transition()));
        assertEquals(List.of(
                "stop ghost on node1 -> migrate vm2 from node2 to node1",
                "stop ghost on node1 -> start vm1 on node1"), Lines.orderings(plan.transition()));
    }

    @Test
    void stopsOnOtherHostsDoNotHoldStartsBack() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1")
                .location("vm1", "node2", Score.INFINITY)
                .running("ghost", "node1")
                .plan();

        assertEquals(List.of("stop ghost on node1", "start vm1 on node2"), Lines.actions(plan.transition()));
        assertEquals(List.of(), plan.transition().orderings());
    }
}
