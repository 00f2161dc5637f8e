package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class DemoClusterTest {

    static Cluster demo() {
        return cluster()
                .hosts("node1", "node2", "node3")
                .vms("app1", "app2", "app3", "app4", "db-vm", "web-vm")
                .antiAffinity("app1", "app4")
                .order("db-vm", "web-vm");
    }

    @Test
    void placesEveryVmTwoPerHostWithTheAntiAffinityPairApart() {
        Plan plan = demo().plan();

        assertEquals(Map.of("app1", "node1", "app2", "node2", "app3", "node3",
                "app4", "node2", "db-vm", "node1", "web-vm", "node3"), plan.placement());
        assertNotEquals(plan.hostOf("app1"), plan.hostOf("app4"));
        Map<String, Integer> perHost = new TreeMap<>();
        plan.placement().values().forEach(h -> perHost.merge(h, 1, Integer::sum));
        assertEquals(Map.of("node1", 2, "node2", 2, "node3", 2), perHost);
    }

    @Test
    void startsEveryVmAndTheDatabaseBeforeTheWebServer() {
        Plan plan = demo().plan();

        assertEquals(List.of(
                "start app1 on node1",
                "start app2 on node2",
                "start app3 on node3",
                "start app4 on node2",
                "start db-vm on node1",
                "start web-vm on node3"), Lines.actions(plan.transition()));
        assertEquals(List.of("start db-vm on node1 -> start web-vm on node3"), Lines.orderings(plan.transition()));
    }

    @Test
    void withoutTheAntiAffinityThePairWouldShareAHost() {
        Plan plan = cluster().hosts("node1", "node2", "node3")
                .vms("app1", "app2", "app3", "app4", "db-vm", "web-vm").plan();

        assertEquals(plan.hostOf("app1"), plan.hostOf("app4"));
    }
}
