package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.basket.api.model.ResourceStatus;
import org.junit.jupiter.api.Test;

class FailureRecoveryTest {

    private static Cluster crashedOnNode1(int failCount) {
        return cluster().hosts("node1", "node2", "node3").vms("vm1").failed("vm1", "node1", failCount);
    }

    @Test
    void belowTheThresholdACrashedVmIsRestartedInPlace() {
        Plan plan = crashedOnNode1(1).plan();

        assertEquals(List.of("stop vm1 on node1", "start vm1 on node1"), Lines.actions(plan.transition()));
        assertEquals(List.of("stop vm1 on node1 -> start vm1 on node1"), Lines.orderings(plan.transition()));
        Lines.assertNote(plan.transition(), "vm1: recover on node1 after failure on node1");
    }

    @Test
    void justBelowTheThresholdItStillStaysInPlace() {
        assertEquals(List.of("stop vm1 on node1", "start vm1 on node1"),
                Lines.actions(crashedOnNode1(2).plan().transition()));
    }

    @Test
    void atTheThresholdItIsStartedElsewhere() {
        Plan plan = crashedOnNode1(3).plan();

        assertEquals(List.of("stop vm1 on node1", "start vm1 on node2"), Lines.actions(plan.transition()));
        assertEquals(List.of("stop vm1 on node1 -> start vm1 on node2"), Lines.orderings(plan.transition()));
        Lines.assertNote(plan.transition(), "vm1: recover on node2 after failure on node1");
    }

    @Test
    void aRunningVmThatReachedTheThresholdMovesAway() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1")
                .status(new ResourceStatus("vm1", List.of("node1"), "", Map.of("node1", 3))).plan();

        assertEquals(List.of("migrate vm1 from node1 to node2"), Lines.actions(plan.transition()));
    }

    @Test
    void whenEveryHostReachedTheThresholdItIsNotPlaced() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1")
                .status(new ResourceStatus("vm1", List.of(), "node1", Map.of("node1", 3, "node2", 5))).plan();

        assertEquals(List.of("stop vm1 on node1"), Lines.actions(plan.transition())); // it may still run where it failed
        Lines.assertNote(plan.transition(), "node1 reached the migration threshold (3 failures)");
        Lines.assertNote(plan.transition(), "node2 reached the migration threshold (5 failures)");
    }
}
