package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.basket.api.model.HostState;
import org.basket.api.plan.Action;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    private static final List<String> MANY_DRIVERS = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
            "golf", "hotel", "india", "juliet");

    @Test
    void tableShowsHostsResourcesAndDrivers() {
        String out = execute(new StatusCommand(), snapshot()
                .host("node1", HostState.ONLINE, 16, 65536)
                .host("node2", HostState.STANDBY, 8, 32768)
                .vm("db", 2, 4096).running("db", "node1")
                .vm("batch", 1, 1024).failed("batch", "node2").failCount("batch", "node2", 3)
                .driver("sim", "connected (type sim)")
                .service(), false);
        List<String> lines = TestShell.lines(out);
        assertEquals("Hosts", lines.get(0));
        assertTrue(lines.contains("Resources"), out);
        assertTrue(lines.contains("Drivers"), out);
        assertTrue(lines.contains("  sim: connected (type sim)"), out);
        assertTrue(lines.stream().anyMatch(l -> l.contains("node1") && l.contains("online") && l.contains("2/16")
                && l.contains("4096/65536")), out);
        assertTrue(lines.stream().anyMatch(l -> l.contains("node2") && l.contains("standby")), out);
        assertTrue(lines.stream().anyMatch(l -> l.contains("db") && l.contains("virtual-machine")
                && l.contains("running") && l.contains("node1")), out);
        assertTrue(lines.stream().anyMatch(l -> l.contains("batch") && l.contains("failed on node2")
                && l.contains("node2=3")), out);
        assertFalse(out.contains("In progress"), out);
        assertFalse(out.contains("Configuration problems"), out);
    }

    @Test
    void hostConditionsReportedByTheDriverAreShownAfterTheHostsAndInJson() {
        SnapshotBuilder cluster = snapshot()
                .host("esx1", "vc", HostState.ONLINE, new org.basket.api.model.Capacity(8, 16384), "")
                .host("esx2", "vc", HostState.ONLINE, new org.basket.api.model.Capacity(8, 16384), "")
                .condition("esx1", "maintenance", "vCenter has it in maintenance mode")
                .condition("esx2", "managed-elsewhere", "vSphere HA is enabled on cluster DC0_C0");
        List<String> lines = TestShell.lines(execute(new StatusCommand(), cluster.service(), false));
        int section = lines.indexOf("Host conditions (as their drivers report them)");
        assertTrue(section > 0 && section < lines.indexOf("Resources"), String.join(NL, lines));
        assertEquals("  esx1: maintenance: vCenter has it in maintenance mode", lines.get(section + 1));
        assertEquals("  esx2: managed-elsewhere: vSphere HA is enabled on cluster DC0_C0", lines.get(section + 2));
        String json = execute(new StatusCommand(), cluster.service(), true);
        assertTrue(json.contains("\"reason\":\"\",\"conditions\":[{\"kind\":\"maintenance\","
                + "\"message\":\"vCenter has it in maintenance mode\"}]"), json);
    }

    @Test
    void noHostConditionsNoSection() {
        String out = execute(new StatusCommand(), snapshot().host("node1", HostState.ONLINE, 4, 4096).service(), false);
        assertFalse(out.contains("Host conditions"), out);
    }

    @Test
    void tableSaysWhyAResourceIsStopped() {
        String out = execute(new StatusCommand(), snapshot()
                .host("h1", HostState.ONLINE, 4, 2048)
                .vm("p1b", 1, 5120).reason("p1b", "cannot run anywhere: h1 has 2048 MB free, needs 5120 MB")
                .service(), false);
        assertTrue(TestShell.lines(out).stream().anyMatch(l -> l.matches(
                "p1b\\W+virtual-machine\\W+stopped\\W+cannot run anywhere: h1 has 2048 MB free, needs 5120 MB\\s*")), out);
    }

    @Test
    void tableShowsConfigurationProblemsAndActionsInProgress() {
        String out = execute(new StatusCommand(), snapshot()
                .host("node1", HostState.ONLINE, 16, 65536)
                .vm("db", 2, 4096)
                .driver("sim", "connected (type sim)")
                .problem("org.basket.resource-web.cfg", "cpus", "not a number: 'two'")
                .problem("org.basket.host-node9.cfg", "", "names driver 'kvm', which is not configured")
                .inFlight(new Action.Start("db", "node1"))
                .service(), false);
        List<String> lines = TestShell.lines(out);
        int progress = lines.indexOf("In progress");
        assertTrue(progress > 0, out);
        assertEquals("  start db on node1", lines.get(progress + 1));
        assertTrue(lines.stream().anyMatch(l -> l.contains("db") && l.contains("starting")), out);
        int problems = lines.indexOf("Configuration problems (the last good definitions stay in force)");
        assertTrue(problems > progress, out);
        assertEquals("  org.basket.resource-web.cfg: key 'cpus': not a number: 'two'", lines.get(problems + 1));
        assertEquals("  org.basket.host-node9.cfg: names driver 'kvm', which is not configured", lines.get(problems + 2));
    }

    @Test
    void jsonIsExact() {
        String out = execute(new StatusCommand(), snapshot()
                .host("node1", HostState.ONLINE, 8, 16384)
                .vm("db", 2, 4096).running("db", "node1")
                .vm("web", 1, 1024).failed("web", "node1")
                .vm("p1b", 1, 5120).reason("p1b", "cannot run anywhere: node1 has 2048 MB free, needs 5120 MB")
                .driver("sim", "connected (type sim)")
                .problem("org.basket.resource-x.cfg", "cpus", "must not be negative: -1")
                .inFlight(new Action.Start("web", "node1"))
                .service(), true);
        assertEquals("{\"manager\":\"leads alone (embedded)\",\"hosts\":[{\"name\":\"node1\",\"state\":\"online\",\"driver\":\"sim\",\"resources\":1,"
                + "\"cpus\":\"2/8\",\"memoryMb\":\"4096/16384\",\"reason\":\"\",\"conditions\":[]}],"
                + "\"resources\":[{\"name\":\"db\",\"kind\":\"virtual-machine\",\"state\":\"running\",\"host\":\"node1\","
                + "\"blockedOn\":\"\",\"failures\":{},\"reason\":\"\"},{\"name\":\"p1b\",\"kind\":\"virtual-machine\","
                + "\"state\":\"stopped\",\"host\":\"\",\"blockedOn\":\"\",\"failures\":{},"
                + "\"reason\":\"cannot run anywhere: node1 has 2048 MB free, needs 5120 MB\"},"
                + "{\"name\":\"web\",\"kind\":\"virtual-machine\",\"state\":\"starting\","
                + "\"host\":\"\",\"blockedOn\":\"\",\"failures\":{\"node1\":1},\"reason\":\"\"}],"
                + "\"drivers\":{\"sim\":\"connected (type sim)\"},"
                + "\"problems\":[{\"source\":\"org.basket.resource-x.cfg\",\"key\":\"cpus\","
                + "\"reason\":\"must not be negative: -1\"}],"
                + "\"inFlight\":[\"start web on node1\"],\"maintenance\":false}" + NL, out);
    }

    @Test
    void jsonOfAnEmptyClusterIsExact() {
        String out = execute(new StatusCommand(), snapshot().service(), true);
        assertEquals("{\"manager\":\"leads alone (embedded)\",\"hosts\":[],\"resources\":[],\"drivers\":{},\"problems\":[],\"inFlight\":[],"
                + "\"maintenance\":false}" + NL, out);
    }

    @Test
    void aManagerAmongSeveralSaysFirstWhetherItActs() {
        String standing = "manager m2 follows manager m1 (epoch 3): it observes, the leader acts";

        List<String> lines = TestShell.lines(execute(new StatusCommand(), snapshot().manager(standing).service(), false));

        assertEquals(List.of("Manager: " + standing, "", "Hosts"), lines.subList(0, 3));
        assertTrue(execute(new StatusCommand(), snapshot().manager(standing).service(), true)
                .startsWith("{\"manager\":\"" + standing + "\","));
    }

    /** The snapshot's driver map keeps no order; the output must not depend on it. */
    @Test
    void driversAreListedByName() {
        SnapshotBuilder builder = snapshot();
        List.of("juliet", "echo", "alpha", "india", "charlie", "hotel", "bravo", "golf", "delta", "foxtrot")
                .forEach(name -> builder.driver(name, "connected"));
        FakeClusterService cluster = builder.service();

        List<String> lines = TestShell.lines(execute(new StatusCommand(), cluster, false));
        int drivers = lines.indexOf("Drivers");
        assertEquals(MANY_DRIVERS.stream().map(d -> "  " + d + ": connected").toList(),
                lines.subList(drivers + 1, drivers + 1 + MANY_DRIVERS.size()));

        String json = execute(new StatusCommand(), cluster, true);
        String expected = MANY_DRIVERS.stream().map(d -> "\"" + d + "\":\"connected\"")
                .collect(Collectors.joining(",", "\"drivers\":{", "}"));
        assertTrue(json.contains(expected), json);
    }
}
