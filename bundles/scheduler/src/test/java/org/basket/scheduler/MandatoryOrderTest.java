package org.basket.scheduler;

import static org.basket.scheduler.Cluster.VM_SIZE;
import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.model.Resource;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

class MandatoryOrderTest {

    private static Cluster dbBanned() {
        return cluster().hosts("node1").vms("db", "web")
                .location("db", "node1", Score.MINUS_INFINITY)
                .order("db", "web");
    }

    @Test
    void whenTheFirstCannotRunTheThenIsNotPlaced() {
        Plan plan = dbBanned().plan();

        assertEquals(List.of(), Lines.actions(plan.transition()));
        assertEquals(Optional.empty(), plan.hostOf("web"));
        Lines.assertNote(plan.transition(), "web: cannot run because db cannot run (db-before-web)");
    }

    @Test
    void aRunningThenIsStoppedWhenTheFirstCannotRun() {
        Plan plan = dbBanned().running("web", "node1").plan();

        assertEquals(List.of("stop web on node1"), Lines.actions(plan.transition()));
    }

    @Test
    void aDisabledFirstStopsTheThenToo() {
        Plan plan = cluster().hosts("node1").vms("web")
                .resource(Resource.vm("db", VM_SIZE).withEnabled(false))
                .order("db", "web").running("web", "node1").plan();

        assertEquals(List.of("stop web on node1"), Lines.actions(plan.transition()));
    }

    @Test
    void aChainFallsWithItsFirst() {
        Plan plan = dbBanned().vms("report").order("web", "report").plan();

        assertEquals(Map.of(), plan.placement());
        Lines.assertNote(plan.transition(), "report: cannot run because web cannot run (web-before-report)");
    }

    @Test
    void anOptionalOrderOnlyOrdersTheStarts() {
        Plan banned = cluster().hosts("node1").vms("db", "web")
                .location("db", "node1", Score.MINUS_INFINITY).optionalOrder("db", "web").plan();
        Plan both = cluster().hosts("node1", "node2").vms("db", "web").optionalOrder("db", "web").plan();

        assertEquals(List.of("start web on node1"), Lines.actions(banned.transition()));
        assertEquals(List.of("start db on node1 -> start web on node2"), Lines.orderings(both.transition()));
    }

    @Test
    void stopsGoTheOtherWayRound() {
        Plan plan = cluster().hosts("node1")
                .resource(Resource.vm("db", VM_SIZE).withEnabled(false))
                .resource(Resource.vm("web", VM_SIZE).withEnabled(false))
                .optionalOrder("db", "web")
                .running("db", "node1").running("web", "node1").plan();

        assertEquals(List.of("stop web on node1", "stop db on node1"), Lines.actions(plan.transition()));
        assertEquals(List.of("stop web on node1 -> stop db on node1"), Lines.orderings(plan.transition()));
    }

    @Test
    void aGuestServiceCanBeTheFirst() {
        Plan plan = cluster().hosts("node1", "node2").vms("db-vm", "web")
                .guestService("db", "db-vm")
                .order("db", "web").plan();

        assertEquals(List.of("start db-vm on node1", "start db on node1", "start web on node2"),
                Lines.actions(plan.transition()));
        assertEquals(List.of(
                "start db on node1 -> start web on node2",
                "start db-vm on node1 -> start db on node1"), Lines.orderings(plan.transition()));
    }

    @Test
    void whenAGuestServiceCannotRunItsMandatoryThenDoesNotEither() {
        Plan plan = cluster().hosts("node1").vms("db-vm", "web")
                .guestService("db", "db-vm")
                .location("db-vm", "node1", Score.MINUS_INFINITY)
                .order("db", "web").plan();

        assertEquals(Map.of(), plan.placement());
        Lines.assertNote(plan.transition(), "db: cannot run because its VM db-vm does not run");
        Lines.assertNote(plan.transition(), "web: cannot run because db cannot run (db-before-web)");
    }

    @Test
    void theGuestServicesOfAThenThatCannotRunDoNotRunEither() {
        Plan plan = dbBanned().guestService("httpd", "web").plan();

        assertEquals(Map.of(), plan.placement());
        Lines.assertNote(plan.transition(), "httpd: cannot run because its VM web does not run");
    }
}
