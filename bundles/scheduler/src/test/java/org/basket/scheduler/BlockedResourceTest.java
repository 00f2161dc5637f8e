package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

/** A resource whose stop failed where no fence can clear it is blocked there, as in Pacemaker. */
class BlockedResourceTest {

    private static ResourceStatus blocked(String resource, String host, List<String> activeOn) {
        return new ResourceStatus(resource, activeOn, host, Map.of(host, 1), false, Map.of(), host);
    }

    /** db must stop after web; db is banned from node1, where both run. */
    private static Cluster dbBannedWhereBothRun() {
        return cluster().hosts("node1", "node2").vms("db", "web").order("db", "web")
                .location("db", "node1", Score.MINUS_INFINITY).running("db", "node1");
    }

    @Test
    void aBlockedResourceGetsNoActionAndStartsNowhereElse() {
        Plan plan = cluster().hosts("node1", "node2").vms("web")
                .status(blocked("web", "node1", List.of())).plan();

        assertEquals(List.of(), Lines.actions(plan.transition()));
        assertEquals(Optional.of("node1"), plan.hostOf("web"));
        Lines.assertNote(plan.transition(),
                "web: blocked on node1 (its stop failed and no fence can clear it): no action until ha:cleanup");
        assertNoMaintenanceNote(plan);
    }

    @Test
    void aBlockedThenKeepsItsFirstRunning() {
        Plan plan = dbBannedWhereBothRun().status(blocked("web", "node1", List.of("node1"))).plan();

        assertEquals(List.of(), Lines.actions(plan.transition()));
        assertEquals(Optional.of("node1"), plan.hostOf("db"));
        Lines.assertNote(plan.transition(), "db: kept where it runs: web, which stops before it, is blocked");
        assertNoMaintenanceNote(plan);
    }

    /** A block is not maintenance: its own note says why the resource is left as it is, and no other. */
    private static void assertNoMaintenanceNote(Plan plan) {
        assertTrue(plan.transition().notes().stream().noneMatch(n -> n.contains("in maintenance")),
                plan.transition().notes().toString());
    }

    @Test
    void aFirstOfAFirstIsKeptTooAndAnUnrelatedResourceIsPlanned() {
        Plan plan = dbBannedWhereBothRun().vms("store", "other").order("store", "db").running("store", "node1")
                .location("store", "node1", Score.MINUS_INFINITY)
                .status(blocked("web", "node1", List.of("node1"))).plan();

        assertEquals(List.of("start other on node2"), Lines.actions(plan.transition()));
        assertEquals(Optional.of("node1"), plan.hostOf("store"));
    }

    @Test
    void withoutTheBlockTheFirstMovesAndAnUnmanagedThenDoesNotHoldIt() {
        Plan failed = dbBannedWhereBothRun().status(new ResourceStatus("web", List.of("node1"), "node1",
                Map.of("node1", 1))).plan();
        Plan unmanaged = dbBannedWhereBothRun().status(new ResourceStatus("web", List.of("node1"), "", Map.of(),
                true)).plan();

        assertEquals(Optional.of("node2"), failed.hostOf("db"));
        assertEquals(Optional.of("node2"), unmanaged.hostOf("db"));
    }
}
