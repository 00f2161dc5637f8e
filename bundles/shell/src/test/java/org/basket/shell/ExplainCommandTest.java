package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.basket.api.cluster.Explanation;
import org.basket.api.cluster.Explanation.HostScore;
import org.basket.api.cluster.Explanation.Term;
import org.basket.api.model.HostState;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {
    private final FakeClusterService cluster = snapshot()
            .host("node1", HostState.ONLINE, 8, 16384)
            .host("node2", HostState.ONLINE, 8, 16384)
            .host("node3", HostState.STANDBY, 8, 16384)
            .vm("app1", 1, 1024).running("app1", "node1")
            .vm("db", 2, 4096).running("db", "node2")
            .service();

    {
        cluster.explanation = new Explanation("db", List.of("node2"), "node2", "db", List.of(
                new HostScore("node1", 0, List.of(), 1),
                new HostScore("node2", 100, List.of(new Term("stickiness: runs here", 100)), 0),
                new HostScore("node3", Score.MINUS_INFINITY, List.of(new Term("host is standby", Score.MINUS_INFINITY)), 0)),
                List.of("app1"), List.of("node2 has the highest score (100)"));
    }

    private static ExplainCommand explain(String resource) {
        ExplainCommand command = new ExplainCommand();
        command.resource = resource;
        return command;
    }

    @Test
    void printsEachHostsScoreAndItsTerms() {
        String out = execute(explain("db"), cluster, false);
        List<String> lines = TestShell.lines(out);

        assertEquals("db runs on node2; the scheduler picks node2.", lines.get(0));
        assertEquals("Scores (placed after app1):", lines.get(2));
        assertTrue(lines.get(3).matches("host\\W+score\\W+placed\\W+terms\\s*"), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("node1\\W+0\\W+1\\W*")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("node2\\W+100\\W+0\\W+stickiness: runs here \\(\\+100\\)\\s*")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("node3\\W+-INFINITY\\W+0\\W+host is standby \\(-INFINITY\\)\\s*")),
                out);
        assertTrue(out.endsWith("Notes:" + NL + "  node2 has the highest score (100)" + NL), out);
    }

    @Test
    void aResourceNotPlacedByScoreShowsOnlyTheNotes() {
        cluster.explanation = new Explanation("db", List.of(), "", "db", List.of(), List.of(),
                List.of("disabled, not placed"));

        assertEquals("db does not run; the scheduler places it nowhere." + NL + NL + "Notes:" + NL
                + "  disabled, not placed" + NL, execute(explain("db"), cluster, false));
    }

    @Test
    void printsJson() {
        assertEquals("{\"resource\":\"db\",\"runsOn\":[\"node2\"],\"picked\":\"node2\",\"scoredAs\":\"db\",\"hosts\":["
                + "{\"host\":\"node1\",\"score\":0,\"placed\":1,\"terms\":[]},"
                + "{\"host\":\"node2\",\"score\":100,\"placed\":0,\"terms\":[{\"what\":\"stickiness: runs here\",\"score\":100}]},"
                + "{\"host\":\"node3\",\"score\":-1000000,\"placed\":0,\"terms\":[{\"what\":\"host is standby\","
                + "\"score\":-1000000}]}],"
                + "\"placedBefore\":[\"app1\"],\"notes\":[\"node2 has the highest score (100)\"]}" + NL,
                execute(explain("db"), cluster, true));
    }

    @Test
    void jsonMayFollowTheResource() {
        ExplainCommand command = explain("db");
        command.after = List.of("--json");

        assertTrue(execute(command, cluster, false).startsWith("{\"resource\":\"db\""));
    }

    @Test
    void anUnknownResourceIsRejectedWithTheConfiguredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> execute(explain("nosuch"), cluster, false));
        assertEquals("unknown resource 'nosuch' (configured: app1, db)", e.getMessage());
    }
}
