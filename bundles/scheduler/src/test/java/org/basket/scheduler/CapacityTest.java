package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.basket.api.model.Capacity;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

class CapacityTest {
    private static final Capacity BIG = new Capacity(12, 16 * 1024);

    @Test
    void aVmThatFitsNowhereIsNotPlacedAndTheNotesSayWhy() {
        Plan plan = cluster().hosts("node1", "node2").vm("huge", new Capacity(32, 8192)).plan();

        assertEquals(List.of(), Lines.actions(plan.transition()));
        assertEquals(Optional.empty(), plan.hostOf("huge"));
        Lines.assertNote(plan.transition(), "huge: cannot run anywhere: node1 has 16 CPU / 65536 MB free, needs 32 CPU / 8192 MB;"
                + " node2 has 16 CPU / 65536 MB free, needs 32 CPU / 8192 MB");
    }

    @Test
    void aFullHostTakesNoMore() {
        Plan plan = cluster().host("node1", HostState.ONLINE, new Capacity(4, 8192)).vms("vm1", "vm2", "vm3").plan();

        assertEquals(List.of("start vm1 on node1", "start vm2 on node1"), Lines.actions(plan.transition()));
        Lines.assertNote(plan.transition(), "vm3: cannot run anywhere: node1 has 0 CPU / 0 MB free, needs 2 CPU / 4096 MB");
    }

    @Test
    void memoryCountsAsMuchAsCpus() {
        Plan plan = cluster().host("node1", HostState.ONLINE, new Capacity(64, 6000)).vms("vm1", "vm2").plan();

        assertEquals(List.of("start vm1 on node1"), Lines.actions(plan.transition()));
    }

    @Test
    void higherPriorityWinsAScarceHost() {
        Plan plan = cluster().hosts("node1")
                .resource(Resource.vm("low", BIG))
                .resource(Resource.vm("high", BIG).withPriority(10))
                .plan();

        assertEquals(List.of("start high on node1"), Lines.actions(plan.transition()));
        Lines.assertNote(plan.transition(), "low: cannot run anywhere: node1 has 4 CPU / 49152 MB free");
    }

    @Test
    void higherPriorityDisplacesARunningLowerOne() {
        Plan plan = cluster().hosts("node1")
                .resource(Resource.vm("low", BIG))
                .resource(Resource.vm("high", BIG).withPriority(10))
                .running("low", "node1")
                .plan();

        assertEquals(List.of("stop low on node1", "start high on node1"), Lines.actions(plan.transition()));
        assertEquals(List.of("stop low on node1 -> start high on node1"), Lines.orderings(plan.transition()));
    }

    @Test
    void everyHostGetsItsOwnReason() {
        Plan plan = cluster()
                .host("node1", HostState.ONLINE, new Capacity(1, 1024))
                .hosts("node2")
                .host("node3", HostState.STANDBY)
                .vms("vm1")
                .location("vm1", "node2", Score.MINUS_INFINITY)
                .plan();

        Lines.assertNote(plan.transition(), "vm1: cannot run anywhere: node1 has 1 CPU / 1024 MB free, needs 2 CPU / 4096 MB;"
                + " node2 is banned by a location constraint; node3 is standby");
    }
}
