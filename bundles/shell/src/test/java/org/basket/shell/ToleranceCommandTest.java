package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.basket.api.cluster.Tolerance;
import org.basket.api.cluster.Tolerance.HostLoad;
import org.basket.api.model.Capacity;
import org.basket.api.model.HostState;
import org.junit.jupiter.api.Test;

class ToleranceCommandTest {
    private static final List<HostLoad> LOADS = List.of(
            new HostLoad("node1", 40.625, List.of("db"), new Capacity(4, 8192)),
            new HostLoad("node2", 12.5, List.of("app1"), new Capacity(2, 4096)),
            new HostLoad("node3", 0, List.of(), Capacity.NONE));

    private final FakeClusterService cluster = snapshot()
            .host("node1", HostState.ONLINE, 8, 16384)
            .host("node2", HostState.ONLINE, 8, 16384)
            .host("node3", HostState.ONLINE, 8, 16384)
            .service();

    {
        cluster.tolerance = new Tolerance(5, List.of("app1", "db"), List.of("node1", "node2", "node3"), 1,
                List.of("node1", "node2"), List.of("db"), false, 4, LOADS);
    }

    private static ToleranceCommand tolerance(int priority) {
        ToleranceCommand command = new ToleranceCommand();
        command.priority = priority;
        return command;
    }

    @Test
    void tellsHowManyFailuresAreAbsorbedAndWhichBreakIt() {
        String out = execute(tolerance(5), cluster, false);
        List<String> lines = TestShell.lines(out);

        assertEquals(List.of(5), cluster.toleranceCalls);
        assertEquals(List.of(
                "Resources of priority 5 or more: app1, db.",
                "The cluster absorbs 1 simultaneous host failure of 3 hosts.",
                "Losing node1 and node2 together leaves db without a host.",
                "",
                "Basket report: critical load per host (priority 5 or more)"), lines.subList(0, 5));
        assertTrue(lines.get(5).matches("host\\W+load\\W+resources\\W+cpus\\W+memoryMb\\s*"), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("node1\\W+40\\.6\\W+db\\W+4\\W+8192\\s*")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("node3\\W+0\\.0\\W+0\\W+0\\s*")), out);
        assertEquals("Heaviest: node1 carries 40.6 (db).", lines.get(lines.size() - 1));
    }

    @Test
    void aSearchCutShortSaysSo() {
        cluster.tolerance = new Tolerance(0, List.of("db"), List.of("node1", "node2", "node3"), 2, List.of(), List.of(),
                true, 500, LOADS);

        String out = execute(tolerance(0), cluster, false);

        assertTrue(out.contains("The cluster absorbs 2 simultaneous host failures of 3 hosts." + NL
                + "The search stopped at its limit after 500 plans, before trying every combination of 3 failures: "
                + "it may absorb more." + NL), out);
    }

    @Test
    void whatCannotBePlacedNowIsSaidFirst() {
        cluster.tolerance = new Tolerance(5, List.of("db"), List.of("node1"), -1, List.of(), List.of("db"), false, 0,
                LOADS);

        assertTrue(execute(tolerance(5), cluster, false).contains(
                "Even with every host up, these cannot be placed: db." + NL), "");
    }

    @Test
    void printsJson() {
        assertEquals("{\"minPriority\":5,\"required\":[\"app1\",\"db\"],\"hosts\":[\"node1\",\"node2\",\"node3\"],"
                + "\"absorbed\":1,\"breaking\":[\"node1\",\"node2\"],\"lost\":[\"db\"],\"bounded\":false,\"plans\":4,"
                + "\"loads\":[{\"host\":\"node1\",\"load\":40.63,\"resources\":[\"db\"],\"cpus\":4,\"memoryMb\":8192},"
                + "{\"host\":\"node2\",\"load\":12.5,\"resources\":[\"app1\"],\"cpus\":2,\"memoryMb\":4096},"
                + "{\"host\":\"node3\",\"load\":0.0,\"resources\":[],\"cpus\":0,\"memoryMb\":0}],"
                + "\"heaviest\":\"node1\"}" + NL, execute(tolerance(5), cluster, true));
    }
}
