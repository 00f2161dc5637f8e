package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.basket.api.model.Constraint;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

class LocationConstraintTest {

    @Test
    void plusInfinityPins() {
        Plan plan = cluster().hosts("node1", "node2", "node3").vms("vm1")
                .location("vm1", "node3", Score.INFINITY).plan();

        assertEquals(List.of("start vm1 on node3"), Lines.actions(plan.transition()));
    }

    @Test
    void plusInfinityBeatsStickiness() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1").running("vm1", "node1")
                .location("vm1", "node2", Score.INFINITY).plan();

        assertEquals(List.of("migrate vm1 from node1 to node2"), Lines.actions(plan.transition()));
    }

    @Test
    void minusInfinityBans() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1")
                .location("vm1", "node1", Score.MINUS_INFINITY).plan();

        assertEquals(List.of("start vm1 on node2"), Lines.actions(plan.transition()));
    }

    @Test
    void aBanMovesARunningVm() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1").running("vm1", "node1")
                .location("vm1", "node1", Score.MINUS_INFINITY).plan();

        assertEquals(List.of("migrate vm1 from node1 to node2"), Lines.actions(plan.transition()));
    }

    @Test
    void bannedEverywhereItDoesNotRun() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1")
                .location("vm1", "node1", Score.MINUS_INFINITY)
                .location("vm1", "node2", Score.MINUS_INFINITY).plan();

        assertEquals(List.of(), Lines.actions(plan.transition()));
        Lines.assertNote(plan.transition(),
                "vm1: cannot run anywhere: node1 is banned by a location constraint; node2 is banned by a location constraint");
    }

    @Test
    void minusInfinityWinsOverPlusInfinityWhicheverComesFirst() {
        for (String banName : List.of("a-ban", "z-ban")) {
            Plan plan = cluster().hosts("node1", "node2").vms("vm1")
                    .constraint(new Constraint.Location("m-pin", "vm1", "node1", Score.INFINITY))
                    .constraint(new Constraint.Location(banName, "vm1", "node1", Score.MINUS_INFINITY))
                    .plan();

            assertEquals(List.of("start vm1 on node2"), Lines.actions(plan.transition()), banName);
        }
    }

    @Test
    void aBanOverridesStickinessAndPreferences() {
        Plan plan = cluster().hosts("node1", "node2").vms("vm1").running("vm1", "node1")
                .location("vm1", "node1", 500)
                .location("vm1", "node1", Score.MINUS_INFINITY).plan();

        assertEquals(List.of("migrate vm1 from node1 to node2"), Lines.actions(plan.transition()));
    }

    @Test
    void aFinitePreferenceMovesARunningVmOnlyWhenItOutweighsStickiness() {
        Cluster weak = cluster().hosts("node1", "node2").vms("vm1").running("vm1", "node1").location("vm1", "node2", 50);
        Cluster strong = cluster().hosts("node1", "node2").vms("vm1").running("vm1", "node1").location("vm1", "node2", 150);

        assertEquals(List.of(), Lines.actions(weak.plan().transition()));
        assertEquals(List.of("migrate vm1 from node1 to node2"), Lines.actions(strong.plan().transition()));
    }

    @Test
    void aPreferenceForAnUnknownHostIsIgnored() {
        Plan plan = cluster().hosts("node1").vms("vm1").location("vm1", "nowhere", Score.INFINITY).plan();

        assertEquals(Optional.of("node1"), plan.hostOf("vm1"));
    }
}
