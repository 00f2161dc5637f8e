package org.basket.scheduler;

import static org.basket.scheduler.Cluster.HOST_SIZE;
import static org.basket.scheduler.Cluster.VM_SIZE;
import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.basket.api.cluster.Impact;
import org.basket.api.cluster.ImpactEntry;
import org.basket.api.cluster.ImpactEntry.Effect;
import org.basket.api.model.Capacity;
import org.basket.api.model.Constraint;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

class ImpactAnalysisTest {

    private static Impact impact(Cluster cluster, String host, boolean fail) {
        Impact impact = new ImpactAnalysis().analyse(cluster.config(), cluster.state(), host, fail);
        Lines.assertConsistent(impact.transition());
        return impact;
    }

    /** vm1 (migratable) and vm2 (not) on node1, each with a guest service; vm3 on node2. */
    private static Cluster twoVmsOnNode1() {
        return cluster().hosts("node1", "node2", "node3")
                .vms("vm1", "vm3")
                .resource(Resource.vm("vm2", VM_SIZE).withMigratable(false))
                .guestService("svc1", "vm1").guestService("svc2", "vm2")
                .running("vm1", "node1").running("svc1", "node1")
                .running("vm2", "node1").running("svc2", "node1")
                .running("vm3", "node2");
    }

    @Test
    void aRebootLiveMigratesWhatCanAndRestartsWhatIsNotMigratableWithTheirServices() {
        Impact impact = impact(twoVmsOnNode1(), "node1", false);

        assertEquals(List.of(
                new ImpactEntry("vm1", Effect.LIVE_MIGRATE, "node1", "node3", "no outage", List.of("svc1")),
                new ImpactEntry("vm2", Effect.RESTART, "node1", "node2", "not migratable", List.of("svc2"))),
                impact.affected());
        assertEquals(List.of(), impact.knockOn());
        assertEquals(List.of(
                "stop svc2 on node1",
                "stop vm2 on node1",
                "migrate vm1 from node1 to node3",
                "start vm2 on node2",
                "start svc2 on node2"), Lines.actions(impact.transition()));
    }

    @Test
    void aFailureRestartsEverythingAfterTheFence() {
        Impact impact = impact(twoVmsOnNode1(), "node1", true);

        assertEquals(List.of(
                new ImpactEntry("vm1", Effect.RESTART, "node1", "node3", "host failure: node1 is fenced first",
                        List.of("svc1")),
                new ImpactEntry("vm2", Effect.RESTART, "node1", "node2", "host failure: node1 is fenced first",
                        List.of("svc2"))), impact.affected());
        assertEquals("fence node1", Lines.actions(impact.transition()).get(0));
        assertEquals(true, impact.fail());
    }

    @Test
    void betweenHostsOfDifferentDriversAMigratableVmRestarts() {
        Cluster cluster = cluster()
                .host("node1", "kvm", HostState.ONLINE, HOST_SIZE)
                .host("node2", "vsphere", HostState.ONLINE, HOST_SIZE)
                .vms("vm1").running("vm1", "node1");

        assertEquals(List.of(new ImpactEntry("vm1", Effect.RESTART, "node1", "node2",
                "hosts of different drivers: node1 (kvm), node2 (vsphere)", List.of())),
                impact(cluster, "node1", false).affected());
    }

    @Test
    void whatNoHostCanTakeIsListedWithTheSchedulersReasons() {
        Cluster cluster = cluster().hosts("node1")
                .host("node2", HostState.ONLINE, new Capacity(1, 1024))
                .vms("vm1").running("vm1", "node1");

        assertEquals(List.of(new ImpactEntry("vm1", Effect.CANNOT_RUN, "node1", "",
                "node1 is standby; node2 has 1 CPU / 1024 MB free, needs 2 CPU / 4096 MB", List.of())),
                impact(cluster, "node1", false).affected());
    }

    @Test
    void aResourceThatCannotRunStopsWhatIsOrderedAfterItElsewhere() {
        Cluster cluster = cluster().hosts("node1", "node2")
                .vms("db", "web")
                .order("db", "web")
                .location("db", "node2", Score.MINUS_INFINITY)
                .running("db", "node1").running("web", "node2");

        Impact impact = impact(cluster, "node1", true);

        assertEquals(List.of(new ImpactEntry("db", Effect.CANNOT_RUN, "node1", "",
                "node1 is unclean; node2 is banned by a location constraint", List.of())), impact.affected());
        assertEquals(List.of(new ImpactEntry("web", Effect.CANNOT_RUN, "node2", "",
                "because db cannot run (db-before-web)", List.of())), impact.knockOn());
    }

    @Test
    void aHigherPriorityVmFromTheLostHostDisplacesALowerOne() {
        Cluster cluster = cluster().hosts("node1", "node2")
                .resource(Resource.vm("db", new Capacity(12, 8192)).withPriority(10))
                .resource(Resource.vm("batch", new Capacity(8, 8192)))
                .running("db", "node1").running("batch", "node2");

        Impact impact = impact(cluster, "node1", true);

        assertEquals(List.of(new ImpactEntry("db", Effect.RESTART, "node1", "node2",
                "host failure: node1 is fenced first", List.of())), impact.affected());
        assertEquals(List.of(new ImpactEntry("batch", Effect.CANNOT_RUN, "node2", "",
                "node1 is unclean; node2 has 4 CPU / 57344 MB free, needs 8 CPU / 8192 MB", List.of())),
                impact.knockOn());
    }

    @Test
    void anAntiAffinityPartnerMakesRoomForTheVmThatArrives() {
        Cluster cluster = cluster().hosts("node1", "node2")
                .host("node3", HostState.ONLINE, new Capacity(1, 1024))
                .hosts("node4")
                .resource(Resource.vm("db", VM_SIZE).withPriority(10)).vms("x")
                .antiAffinity("x", "db")
                .location("db", "node2", 50)
                .running("db", "node1").running("x", "node2");

        Impact impact = impact(cluster, "node1", false);

        assertEquals(List.of(new ImpactEntry("db", Effect.LIVE_MIGRATE, "node1", "node2", "no outage", List.of())),
                impact.affected());
        assertEquals(List.of(new ImpactEntry("x", Effect.LIVE_MIGRATE, "node2", "node4",
                "anti-affinity x-with-db=-INFINITY with db", List.of())), impact.knockOn());
    }

    @Test
    void aColocationSetIsNamedAsTheReasonOfAKnockOn() {
        Cluster cluster = cluster().hosts("node1", "node2")
                .host("node3", HostState.ONLINE, new Capacity(1, 1024))
                .hosts("node4")
                .resource(Resource.vm("db", VM_SIZE).withPriority(10)).vms("x")
                .constraint(new Constraint.ColocationSet("spread", List.of("db", "x"), Score.MINUS_INFINITY))
                .location("db", "node2", 50)
                .running("db", "node1").running("x", "node2");

        assertEquals(List.of(new ImpactEntry("x", Effect.LIVE_MIGRATE, "node2", "node4",
                "colocation set spread with db", List.of())), impact(cluster, "node1", false).knockOn());
    }

    @Test
    void aResourceInMaintenanceIsLeftToGoDownWithTheHost() {
        Cluster cluster = cluster().hosts("node1", "node2").vms("vm1")
                .status(new ResourceStatus("vm1", List.of("node1"), "", Map.of(), true));

        assertEquals(List.of(new ImpactEntry("vm1", Effect.LEFT_AS_IS, "node1", "",
                "in maintenance: Basket does not act on it; it stops when the host reboots", List.of())),
                impact(cluster, "node1", false).affected());
    }

    @Test
    void workThePlanDoesAnywayIsNotKnockOn() {
        Cluster cluster = cluster().hosts("node1", "node2", "node3").vms("vm1", "vm2")
                .location("vm2", "node2", 50)
                .running("vm1", "node1")
                .running("vm2", "node2", "node3");

        Impact impact = impact(cluster, "node1", false);

        assertEquals(List.of("vm1"), impact.affected().stream().map(ImpactEntry::resource).toList());
        assertEquals(List.of(), impact.knockOn(), "vm2's copy on node3 is stopped with or without the reboot");
    }

    @Test
    void theRebootCanChangeWhichCopyOfADoubleActiveResourceIsKept() {
        // vm1 (priority 1) is placed before vm2, which runs where it stays
        Cluster cluster = cluster().hosts("node1", "node2", "node3").vms("vm2")
                .resource(new Resource("vm1", ResourceKind.VIRTUAL_MACHINE, "vm1", VM_SIZE, true, 1, true, "", 3))
                .running("vm1", "node1")
                .running("vm2", "node2", "node3");

        Impact impact = impact(cluster, "node1", false);

        assertEquals(List.of(new ImpactEntry("vm1", Effect.LIVE_MIGRATE, "node1", "node2", "no outage", List.of())),
                impact.affected());
        assertEquals(List.of(new ImpactEntry("vm2", Effect.KEEPS_RUNNING, "node2", "node3",
                "also active on node3: keeps running there alone", List.of())), impact.knockOn());
    }

    @Test
    void aHostThatRunsNothingDisruptsNothing() {
        Impact impact = impact(twoVmsOnNode1(), "node3", false);

        assertEquals(List.of(), impact.affected());
        assertEquals(List.of(), impact.knockOn());
    }

    @Test
    void theDemoDatabaseLiveMigratesOnARebootAndRestartsOnAFailure() {
        Cluster demo = DemoClusterTest.demo()
                .running("app1", "node1").running("db-vm", "node1")
                .running("app2", "node2").running("app4", "node2")
                .running("app3", "node3").running("web-vm", "node3");

        assertEquals(Effect.LIVE_MIGRATE, impact(demo, "node1", false).entry("db-vm").orElseThrow().effect());
        assertEquals(Effect.RESTART, impact(demo, "node1", true).entry("db-vm").orElseThrow().effect());
    }

    @Test
    void anUnknownHostIsRejectedWithTheConfiguredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> impact(twoVmsOnNode1(), "node9", false));
        assertEquals("unknown host 'node9' (configured: node1, node2, node3)", e.getMessage());
    }
}
