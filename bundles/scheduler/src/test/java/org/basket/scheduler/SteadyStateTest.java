package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SteadyStateTest {

    @Test
    void everythingRunningWherePlacedGivesAnEmptyTransition() {
        Cluster cluster = DemoClusterTest.demo();
        Plan first = cluster.plan();
        first.placement().forEach(cluster::running);

        Plan second = cluster.plan();

        assertTrue(second.transition().isEmpty(), () -> Lines.actions(second.transition()).toString());
        assertEquals(List.of(), second.transition().orderings());
        assertEquals(first.placement(), second.placement());
    }

    @Test
    void stickinessKeepsAnUnbalancedClusterAsItIs() {
        Cluster cluster = cluster().hosts("node1", "node2", "node3").vms("vm1", "vm2", "vm3", "vm4");
        for (String vm : List.of("vm1", "vm2", "vm3", "vm4")) {
            cluster.running(vm, "node1");
        }

        Plan plan = cluster.plan();

        assertTrue(plan.transition().isEmpty(), () -> Lines.actions(plan.transition()).toString());
        assertEquals(List.of("node1", "node1", "node1", "node1"), List.copyOf(plan.placement().values()));
    }

    @Test
    void withoutStickinessTheSameClusterIsRebalanced() {
        Cluster cluster = cluster().hosts("node1", "node2", "node3").vms("vm1", "vm2", "vm3", "vm4");
        for (String vm : List.of("vm1", "vm2", "vm3", "vm4")) {
            cluster.running(vm, "node1");
        }

        Plan plan = cluster.plan(0);

        assertEquals(List.of(
                "migrate vm2 from node1 to node2",
                "migrate vm3 from node1 to node3"), Lines.actions(plan.transition()));
    }
}
