package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

class ColocationTest {

    @Test
    void antiAffinityKeepsThePairApartWhereBalanceWouldJoinThem() {
        Plan plan = cluster().hosts("node1", "node2").vms("a", "b", "c").antiAffinity("c", "a").plan();

        assertEquals(Map.of("a", "node1", "b", "node2", "c", "node2"), plan.placement());
    }

    @Test
    void antiAffinityWithOnlyOneHostLeavesTheSecondUnplaced() {
        Plan plan = cluster().hosts("node1").vms("a", "b").antiAffinity("a", "b").plan();

        assertEquals(List.of("start a on node1"), Lines.actions(plan.transition()));
        Lines.assertNote(plan.transition(), "b: cannot run anywhere: node1 runs a (a-with-b=-INFINITY)");
    }

    @Test
    void antiAffinityBetweenTwoVmsRunningTogetherMovesOne() {
        Plan plan = cluster().hosts("node1", "node2").vms("a", "b")
                .running("a", "node1").running("b", "node1")
                .antiAffinity("a", "b").plan();

        assertEquals(List.of("migrate b from node1 to node2"), Lines.actions(plan.transition()));
    }

    @Test
    void plusInfinityKeepsThePairTogether() {
        Plan plan = cluster().hosts("node1", "node2").vms("a", "b")
                .location("a", "node2", 10)
                .colocation("b", "a", Score.INFINITY).plan();

        assertEquals(Optional.of("node2"), plan.hostOf("b"));
        assertEquals(List.of("start a on node2", "start b on node2"), Lines.actions(plan.transition()));
    }
}
