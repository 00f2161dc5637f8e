package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.basket.api.model.Capacity;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.plan.Action;
import org.basket.shell.view.ClusterView;
import org.junit.jupiter.api.Test;

class ClusterViewTest {

    /** Three hosts, one in maintenance; VMs running, doubly active, failed, stopped and disabled. */
    private static SnapshotBuilder cluster() {
        return snapshot()
                .host("node1", HostState.ONLINE, 16, 65536)
                .host("node2", "sim", HostState.MAINTENANCE, new Capacity(8, 32768), "operator maintenance")
                .host("node3", HostState.STANDBY, 4, 8192)
                .vm("db", 2, 4096).running("db", "node1")
                .vm("web", 1, 1024).failed("web", "node1").failCount("web", "node3", 1)
                .vm("cache", 4, 8192).running("cache", "node2")
                .vm("dup", 2, 2048).running("dup", "node1", "node3")
                .vm("batch", 8, 16384)
                .vm("old", 1, 512).disabled("old")
                .vm("app", 1, 1024).running("app", "node3");
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> rows) {
        return rows.stream().collect(Collectors.toMap(r -> (String) r.get("name"), r -> r));
    }

    private static Map<String, Object> states(ClusterView view) {
        return view.resources().stream().collect(Collectors.toMap(r -> (String) r.get("name"), r -> r.get("state")));
    }

    @Test
    void hostRowsCountOnlyResourcesActiveOnTheHost() {
        List<Map<String, Object>> rows = new ClusterView(cluster().build()).hosts();
        assertEquals(List.of("node1", "node2", "node3"), rows.stream().map(r -> r.get("name")).toList());
        Map<String, Map<String, Object>> hosts = byName(rows);
        // db and dup; web failed there and batch runs nowhere, so neither counts
        assertEquals(Map.of("name", "node1", "state", "online", "driver", "sim", "resources", 2,
                "cpus", "4/16", "memoryMb", "6144/65536", "reason", "", "conditions", List.of()), hosts.get("node1"));
        assertEquals(Map.of("name", "node2", "state", "maintenance", "driver", "sim", "resources", 1,
                "cpus", "4/8", "memoryMb", "8192/32768", "reason", "operator maintenance", "conditions", List.of()),
                hosts.get("node2"));
        // dup counts on both of its hosts
        assertEquals(2, hosts.get("node3").get("resources"));
        assertEquals("standby", hosts.get("node3").get("state"));
        assertEquals("3/4", hosts.get("node3").get("cpus"));
        assertEquals("3072/8192", hosts.get("node3").get("memoryMb"));
    }

    @Test
    void hostRowColumnsComeInTableOrder() {
        Map<String, Object> row = new ClusterView(cluster().build()).hosts().get(0);
        assertEquals(List.of("name", "state", "driver", "resources", "cpus", "memoryMb", "reason", "conditions"),
                List.copyOf(row.keySet()));
    }

    @Test
    void everyHostStateIsWrittenInLowerCase() {
        for (HostState state : HostState.values()) {
            Map<String, Object> row = new ClusterView(snapshot().host("h", state, 1, 1).build()).hosts().get(0);
            assertEquals(state.name().toLowerCase(Locale.ROOT), row.get("state"));
        }
    }

    @Test
    void anIdleHostShowsZeroUse() {
        Map<String, Object> row = new ClusterView(snapshot().host("node1", HostState.ONLINE, 8, 16384)
                .vm("db", 2, 4096).build()).hosts().get(0);
        assertEquals(0, row.get("resources"));
        assertEquals("0/8", row.get("cpus"));
        assertEquals("0/16384", row.get("memoryMb"));
    }

    @Test
    void aHostOnlyTheObservedStateKnowsIsListedWithoutADriver() {
        List<Map<String, Object>> rows = new ClusterView(snapshot().host("node1", HostState.ONLINE, 8, 16384)
                .unconfiguredHost("ghost", HostState.UNMANAGED, 4, 4096).vm("db", 2, 4096).running("db", "ghost")
                .build()).hosts();
        Map<String, Object> ghost = byName(rows).get("ghost");
        assertEquals("", ghost.get("driver"));
        assertEquals(1, ghost.get("resources"));
        assertEquals("2/4", ghost.get("cpus"));
    }

    @Test
    void resourceStates() {
        Map<String, Object> states = states(new ClusterView(cluster().build()));
        assertEquals(Map.of("db", "running", "web", "failed on node1", "cache", "running (host maintenance)",
                "dup", "active on 2 hosts", "batch", "stopped", "old", "disabled", "app", "running"), states);
    }

    @Test
    void aResourceOnAHandsOffHostSaysWhichState() {
        for (HostState state : new HostState[] {HostState.MAINTENANCE, HostState.SUSPECT, HostState.UNMANAGED}) {
            Map<String, Object> states = states(new ClusterView(snapshot().host("node1", state, 8, 8192)
                    .vm("db", 1, 1024).running("db", "node1").build()));
            assertEquals("running (host " + state.name().toLowerCase(Locale.ROOT) + ")", states.get("db"));
        }
    }

    @Test
    void aDisabledResourceThatStillRunsIsShownRunning() {
        Map<String, Object> states = states(new ClusterView(snapshot().host("node1", HostState.ONLINE, 8, 8192)
                .vm("db", 1, 1024).disabled("db").running("db", "node1").build()));
        assertEquals("running", states.get("db"));
    }

    @Test
    void resourcesInTheInFlightTransitionShowWhatIsBeingDone() {
        ClusterView view = new ClusterView(cluster()
                .inFlight(new Action.Start("batch", "node1"), new Action.Stop("db", "node1"),
                        new Action.Migrate("cache", "node2", "node1"), new Action.Monitor("app", "node3"),
                        new Action.Fence("node2"))
                .build());
        Map<String, Object> states = states(view);
        assertEquals("starting", states.get("batch"));
        assertEquals("stopping", states.get("db"));
        assertEquals("migrating", states.get("cache"));
        assertEquals("checking", states.get("app"));
        // a host action names no resource
        assertEquals("active on 2 hosts", states.get("dup"));
        assertEquals("failed on node1", states.get("web"));
    }

    @Test
    void resourceRowsCarryKindHostsFailuresAndReason() {
        Map<String, Map<String, Object>> rows = byName(new ClusterView(cluster()
                .reason("batch", "cannot run anywhere: node1 has 1024 MB free, needs 2048 MB").build()).resources());
        assertEquals(List.of("name", "kind", "state", "host", "blockedOn", "failures", "reason"),
                List.copyOf(rows.get("db").keySet()));
        assertEquals("", rows.get("db").get("blockedOn"));
        assertEquals("cannot run anywhere: node1 has 1024 MB free, needs 2048 MB", rows.get("batch").get("reason"));
        assertEquals("", rows.get("db").get("reason"));
        assertEquals("virtual-machine", rows.get("db").get("kind"));
        assertEquals("node1", rows.get("db").get("host"));
        assertEquals("node1,node3", rows.get("dup").get("host"));
        assertEquals("", rows.get("batch").get("host"));
        assertEquals(Map.of("node1", 1, "node3", 1), rows.get("web").get("failures"));
        assertEquals(Map.of(), rows.get("db").get("failures"));
    }

    @Test
    void aBlockedResourceSaysWhereItIsBlockedWhateverElseIsTrueOfIt() {
        Map<String, Map<String, Object>> rows = byName(new ClusterView(cluster()
                .blocked("web", "node1")
                .blocked("db", "node1")
                .inFlight(new Action.Stop("db", "node1")).build()).resources());
        assertEquals("blocked on node1", rows.get("web").get("state"), "not the failure it also has");
        assertEquals("node1", rows.get("web").get("blockedOn"));
        assertEquals("", rows.get("web").get("host"), "not seen running there");
        assertEquals("blocked on node1", rows.get("db").get("state"), "not the stop that failed");
        assertEquals("node1", rows.get("db").get("host"));
        assertEquals("", rows.get("app").get("blockedOn"));
    }

    @Test
    void resourceRowsAreSortedByName() {
        assertEquals(List.of("app", "batch", "cache", "db", "dup", "old", "web"),
                new ClusterView(cluster().build()).resources().stream().map(r -> r.get("name")).toList());
    }

    @Test
    void whereChains() {
        ClusterView view = new ClusterView(cluster()
                .resource(new Resource("httpd", ResourceKind.GUEST_SERVICE, "", Capacity.NONE, false, 0, true, "db", 3))
                .resource(new Resource("cron", ResourceKind.GUEST_SERVICE, "", Capacity.NONE, false, 0, true, "batch",
                        3))
                .running("httpd", "node1")
                .build());
        assertEquals(List.of("db", "node1"), view.where("db"));
        assertEquals(List.of("batch", "(not running)"), view.where("batch"));
        assertEquals(List.of("dup", "node1+node3"), view.where("dup"));
        assertEquals(List.of("httpd", "db", "node1"), view.where("httpd"));
        assertEquals(List.of("cron (not running)", "batch", "(not running)"), view.where("cron"));
        assertEquals("guest-service", byName(view.resources()).get("httpd").get("kind"));
    }

    @Test
    void whereSaysWhereAVmOrAServiceIsBlocked() {
        ClusterView view = new ClusterView(cluster()
                .resource(new Resource("cron", ResourceKind.GUEST_SERVICE, "", Capacity.NONE, false, 0, true, "db", 3))
                .blocked("cron", "node1")
                .blocked("batch", "node2")
                .build());
        assertEquals(List.of("batch", "(blocked on node2)"), view.where("batch"));
        assertEquals(List.of("cron (blocked on node1)", "db", "node1"), view.where("cron"));
    }

    @Test
    void guestServicesAreListedUnderTheirVm() {
        ClusterView view = new ClusterView(cluster()
                .resource(new Resource("httpd", ResourceKind.GUEST_SERVICE, "", Capacity.NONE, false, 0, true, "db", 3))
                .resource(new Resource("agent", ResourceKind.GUEST_SERVICE, "", Capacity.NONE, false, 0, true, "app", 3))
                .running("httpd", "node1")
                .build());
        assertEquals(List.of("app", "  agent", "batch", "cache", "db", "  httpd", "dup", "old", "web"),
                view.resourceTable().stream().map(r -> r.get("name")).toList());
        assertEquals("db", byName(view.resources()).get("httpd").get("vm"));
        assertEquals("node1", byName(view.resources()).get("httpd").get("host"));
    }
}
