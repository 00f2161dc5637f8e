package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.Tolerance;
import org.basket.api.cluster.Tolerance.HostLoad;
import org.basket.api.model.Capacity;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.junit.jupiter.api.Test;

class FailureToleranceTest {
    private static final Capacity SIX = new Capacity(6, 4096);

    /**
     * Four hosts of 16 CPUs (64 in all). a and b (priority 3) on node1, c (3) on node2, d (1) on node3, all 6 CPUs;
     * x (priority 0, 8 CPUs) on node4. A 6-CPU VM is 9.375% of the CPUs: 37.5 at priority 3, 18.75 at 1.
     */
    private static Cluster fourHosts() {
        return cluster().hosts("node1", "node2", "node3", "node4")
                .resource(Resource.vm("a", SIX).withPriority(3)).resource(Resource.vm("b", SIX).withPriority(3))
                .resource(Resource.vm("c", SIX).withPriority(3)).resource(Resource.vm("d", SIX).withPriority(1))
                .resource(Resource.vm("x", new Capacity(8, 4096)))
                .running("a", "node1").running("b", "node1").running("c", "node2").running("d", "node3")
                .running("x", "node4");
    }

    private static Tolerance tolerance(Cluster cluster, int minPriority) {
        return new FailureTolerance().analyse(cluster.config(), cluster.state(), minPriority);
    }

    @Test
    void absorbsTwoFailuresAndNamesTheHeaviestThreeThatLoseResources() {
        Tolerance t = tolerance(fourHosts(), 1);

        assertEquals(List.of("a", "b", "c", "d"), t.required());
        assertEquals(List.of("node1", "node2", "node3", "node4"), t.hosts());
        assertEquals(2, t.absorbed());
        assertEquals(List.of("node1", "node2", "node3"), t.breaking());
        assertEquals(List.of("c", "d"), t.lost(), "node4 alone takes a and b, placed first");
        assertFalse(t.bounded());
        assertEquals(4 + 6 + 1, t.plans(), "every single and double failure, then the heaviest triple");
    }

    @Test
    void theBasketReportWeighsDemandByPriority() {
        Tolerance t = tolerance(fourHosts(), 1);

        assertEquals(List.of(
                new HostLoad("node1", 75.0, List.of("a", "b"), new Capacity(12, 8192)),
                new HostLoad("node2", 37.5, List.of("c"), SIX),
                new HostLoad("node3", 18.75, List.of("d"), SIX),
                new HostLoad("node4", 0.0, List.of(), Capacity.NONE)), t.loads());
        assertEquals("node1", t.heaviest().orElseThrow().host());
    }

    @Test
    void withEveryPriorityTheLowPriorityVmIsLostAfterTwoFailures() {
        Tolerance t = tolerance(fourHosts(), 0);

        assertEquals(List.of("a", "b", "c", "d", "x"), t.required());
        assertEquals(1, t.absorbed());
        assertEquals(List.of("node1", "node2"), t.breaking(), "the heaviest pair");
        assertEquals(List.of("x"), t.lost());
        assertEquals(4 + 1, t.plans());
        assertEquals(new HostLoad("node4", 12.5, List.of("x"), new Capacity(8, 4096)), t.loads().get(3));
    }

    @Test
    void aSearchCutShortSaysSo() {
        Tolerance t = new FailureTolerance(new Scheduler(), 3).analyse(fourHosts().config(), fourHosts().state(), 1);

        assertEquals(0, t.absorbed());
        assertTrue(t.bounded());
        assertEquals(3, t.plans());
        assertEquals(List.of(), t.breaking());
    }

    @Test
    void whatCannotBePlacedEvenNowIsReportedWithoutASearch() {
        Cluster cluster = fourHosts().resource(Resource.vm("huge", new Capacity(32, 4096)).withPriority(5));

        Tolerance t = tolerance(cluster, 1);

        assertEquals(-1, t.absorbed());
        assertEquals(List.of("huge"), t.lost());
        assertEquals(0, t.plans());
    }

    @Test
    void withNothingRequiredEveryHostMayFail() {
        Tolerance t = tolerance(fourHosts(), 4);

        assertEquals(List.of(), t.required());
        assertEquals(4, t.absorbed());
        assertEquals(0, t.plans());
        assertTrue(t.heaviest().isEmpty());
    }

    @Test
    void hostsAlreadyDownAreNotCountedAmongThoseThatCanFail() {
        Cluster cluster = cluster().hosts("node1", "node2").host("node3", HostState.OFFLINE)
                .resource(Resource.vm("a", SIX).withPriority(1)).running("a", "node1");

        Tolerance t = tolerance(cluster, 1);

        assertEquals(List.of("node1", "node2"), t.hosts());
        assertEquals(1, t.absorbed());
        assertEquals(List.of("node1", "node2"), t.breaking());
    }

    @Test
    void combinationsComeHeaviestFirstThenByName() {
        FailureTolerance.Combinations pairs = new FailureTolerance.Combinations(List.of("a", "b", "c", "d"),
                Map.of("a", 3.0, "b", 2.0, "c", 2.0, "d", 1.0), 2);
        List<List<String>> order = new ArrayList<>();
        while (pairs.hasNext()) {
            order.add(pairs.next());
        }

        assertEquals(List.of(List.of("a", "b"), List.of("a", "c"), List.of("a", "d"), List.of("b", "c"),
                List.of("b", "d"), List.of("c", "d")), order);
    }
}
