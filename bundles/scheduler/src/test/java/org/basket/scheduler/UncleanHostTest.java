package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.basket.api.model.HostState;
import org.basket.api.plan.Action;
import org.junit.jupiter.api.Test;

class UncleanHostTest {

    private static Plan lostNode3() {
        return cluster()
                .hosts("node1", "node2")
                .host("node3", HostState.UNCLEAN)
                .vms("vm1", "vm2", "vm3")
                .running("vm1", "node3")
                .running("vm2", "node3")
                .running("vm3", "node1")
                .running("ghost", "node3")
                .plan();
    }

    @Test
    void fencesTheHostBeforeStartingItsVmsElsewhere() {
        Plan plan = lostNode3();

        assertEquals(List.of(
                "fence node3",
                "start vm1 on node2",
                "start vm2 on node1"), Lines.actions(plan.transition()));
        assertEquals(List.of(
                "fence node3 -> start vm1 on node2",
                "fence node3 -> start vm2 on node1"), Lines.orderings(plan.transition()));
    }

    @Test
    void neverStopsOrMigratesFromTheUncleanHost() {
        for (Action action : lostNode3().transition().actions()) {
            boolean fromNode3 = (action instanceof Action.Stop || action instanceof Action.Migrate)
                    && action.host().equals("node3");
            assertTrue(!fromNode3, action::toString);
        }
    }

    @Test
    void anUncleanHostIsFencedEvenWhenNothingRanOnIt() {
        Plan plan = cluster().hosts("node1").host("node2", HostState.UNCLEAN).plan();

        assertEquals(List.of("fence node2"), Lines.actions(plan.transition()));
    }

    @Test
    void aGuestServiceOnTheUncleanHostAlsoWaitsForTheFence() {
        Plan plan = cluster().hosts("node1").host("node2", HostState.UNCLEAN)
                .vms("vm1").guestService("svc1", "vm1")
                .running("vm1", "node2").running("svc1", "node2").plan();

        assertEquals(List.of("fence node2", "start vm1 on node1", "start svc1 on node1"),
                Lines.actions(plan.transition()));
        assertTrue(Lines.waitsFor(plan.transition(), "start svc1 on node1", "fence node2"));
        assertTrue(Lines.waitsFor(plan.transition(), "start svc1 on node1", "start vm1 on node1"));
    }
}
