package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.basket.api.model.HostState;
import org.junit.jupiter.api.Test;

/** Many rules at once: a standby host, an unclean host, a double, a ghost, a crash and a guest service. */
class BusyClusterTest {

    static Cluster busy() {
        return cluster()
                .hosts("node1", "node2")
                .host("node3", HostState.STANDBY)
                .host("node4", HostState.UNCLEAN)
                .vms("app1", "app2", "app3", "db-vm", "web-vm", "fresh1", "fresh2")
                .guestService("db", "db-vm")
                .antiAffinity("app1", "app2")
                .order("db", "web-vm")
                .running("app1", "node3")
                .running("app2", "node4")
                .running("app3", "node1", "node2")
                .running("db-vm", "node3")
                .running("db", "node3")
                .running("ghost", "node1")
                .failed("web-vm", "node2", 1);
    }

    @Test
    void plansEveryRuleTogether() {
        Plan plan = busy().plan();

        assertEquals(Map.of("app1", "node2", "app2", "node1", "app3", "node1", "db", "node2", "db-vm", "node2",
                "fresh1", "node1", "fresh2", "node2", "web-vm", "node2"), plan.placement());
        assertEquals(List.of(
                "fence node4",
                "stop app3 on node2",
                "stop ghost on node1",
                "stop web-vm on node2",
                "migrate app1 from node3 to node2",
                "migrate db-vm from node3 to node2",
                "start app2 on node1",
                "start fresh1 on node1",
                "start fresh2 on node2",
                "start web-vm on node2"), Lines.actions(plan.transition()));
        assertEquals(List.of(
                "fence node4 -> start app2 on node1",
                "stop app3 on node2 -> migrate app1 from node3 to node2",
                "stop app3 on node2 -> migrate db-vm from node3 to node2",
                "stop app3 on node2 -> start fresh2 on node2",
                "stop app3 on node2 -> start web-vm on node2",
                "stop ghost on node1 -> start app2 on node1",
                "stop ghost on node1 -> start fresh1 on node1",
                "stop web-vm on node2 -> migrate app1 from node3 to node2",
                "stop web-vm on node2 -> migrate db-vm from node3 to node2",
                "stop web-vm on node2 -> start fresh2 on node2",
                "stop web-vm on node2 -> start web-vm on node2"), Lines.orderings(plan.transition()));
    }
}
