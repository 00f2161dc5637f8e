package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.basket.api.model.HostState;
import org.junit.jupiter.api.Test;

class HostsAndResourcesCommandTest {

    private static FakeClusterService cluster() {
        return snapshot()
                .host("node1", HostState.ONLINE, 8, 16384)
                .host("node2", HostState.UNMANAGED, 4, 8192)
                .vm("db", 2, 4096).running("db", "node2")
                .vm("web", 1, 1024).failCount("web", "node1", 2)
                .reason("web", "cannot run anywhere: node1 has 0 CPU free, needs 1 CPU")
                .service();
    }

    @Test
    void hostsTable() {
        String out = execute(new HostsCommand(), cluster(), false);
        List<String> lines = TestShell.lines(out);
        assertTrue(lines.get(0).matches("name\\W+state\\W+driver\\W+resources\\W+cpus\\W+memoryMb\\W+reason\\s*"), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("node1\\W+online\\W+sim\\W+0\\W+0/8\\W+0/16384\\W*")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("node2\\W+unmanaged\\W+sim\\W+1\\W+2/4\\W+4096/8192\\W*")),
                out);
    }

    @Test
    void hostsJson() {
        assertEquals("[{\"name\":\"node1\",\"state\":\"online\",\"driver\":\"sim\",\"resources\":0,\"cpus\":\"0/8\","
                + "\"memoryMb\":\"0/16384\",\"reason\":\"\",\"conditions\":[]},{\"name\":\"node2\",\"state\":\"unmanaged\",\"driver\":\"sim\","
                + "\"resources\":1,\"cpus\":\"2/4\",\"memoryMb\":\"4096/8192\",\"reason\":\"\",\"conditions\":[]}]" + NL,
                execute(new HostsCommand(), cluster(), true));
    }

    @Test
    void resourcesTable() {
        String out = execute(new ResourcesCommand(), cluster(), false);
        List<String> lines = TestShell.lines(out);
        assertTrue(lines.get(0).matches("name\\W+kind\\W+state\\W+host\\W+failures\\W+reason\\s*"), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("db\\W+virtual-machine\\W+running \\(host unmanaged\\)\\W+node2\\W*")),
                out);
        assertTrue(lines.stream().anyMatch(l -> l.matches(
                "web\\W+virtual-machine\\W+stopped\\W+node1=2\\W+cannot run anywhere: node1 has 0 CPU free, needs 1 CPU")), out);
    }

    @Test
    void resourcesJson() {
        assertEquals("[{\"name\":\"db\",\"kind\":\"virtual-machine\",\"state\":\"running (host unmanaged)\","
                + "\"host\":\"node2\",\"blockedOn\":\"\",\"failures\":{},\"reason\":\"\"},{\"name\":\"web\",\"kind\":\"virtual-machine\","
                + "\"state\":\"stopped\",\"host\":\"\",\"blockedOn\":\"\",\"failures\":{\"node1\":2},"
                + "\"reason\":\"cannot run anywhere: node1 has 0 CPU free, needs 1 CPU\"}]" + NL,
                execute(new ResourcesCommand(), cluster(), true));
    }

    @Test
    void aBlockedResourceShowsInTheTableAndItsJson() {
        FakeClusterService cluster = snapshot()
                .host("node1", HostState.ONLINE, 8, 16384)
                .vm("db", 2, 4096).failed("db", "node1").blocked("db", "node1")
                .reason("db", "blocked on node1 (its stop failed and no fence can clear it): no action until ha:cleanup")
                .service();
        String table = execute(new ResourcesCommand(), cluster, false);
        assertTrue(TestShell.lines(table).stream().anyMatch(l -> l.matches(
                "db\\W+virtual-machine\\W+blocked on node1\\W+node1=1\\W+blocked on node1 \\(its stop failed.*ha:cleanup\\s*")),
                table);
        String json = execute(new ResourcesCommand(), cluster, true);
        assertTrue(json.contains("\"state\":\"blocked on node1\",\"host\":\"\",\"blockedOn\":\"node1\""), json);
    }
}
