package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.basket.api.cluster.Impact;
import org.basket.api.cluster.ImpactEntry;
import org.basket.api.cluster.ImpactEntry.Effect;
import org.basket.api.model.HostState;
import org.basket.api.plan.Action;
import org.basket.api.plan.Transition;
import org.basket.shell.FakeClusterService.ImpactCall;
import org.junit.jupiter.api.Test;

class ImpactCommandTest {
    private final FakeClusterService cluster = snapshot()
            .host("node1", HostState.ONLINE, 8, 16384)
            .host("node2", HostState.ONLINE, 8, 16384)
            .host("node3", HostState.ONLINE, 8, 16384)
            .vm("db", 2, 4096).running("db", "node2")
            .vm("batch", 2, 4096).running("batch", "node2")
            .vm("web", 1, 1024).running("web", "node3")
            .service();

    {
        cluster.impact = new Impact("node2", false, List.of(
                new ImpactEntry("batch", Effect.RESTART, "node2", "node3", "not migratable", List.of()),
                new ImpactEntry("db", Effect.LIVE_MIGRATE, "node2", "node1", "no outage", List.of("postgres"))),
                List.of(new ImpactEntry("web", Effect.CANNOT_RUN, "node3", "", "because db cannot run (db-before-web)",
                        List.of())),
                new Transition(List.of(new Action.Stop("batch", "node2"), new Action.Migrate("db", "node2", "node1"),
                        new Action.Start("batch", "node3")), List.of(), List.of("db: migrate from node2 (standby) to node1")));
    }

    private static ImpactCommand impact(String host, boolean fail) {
        ImpactCommand command = new ImpactCommand();
        command.host = host;
        command.fail = fail;
        return command;
    }

    @Test
    void listsWhatMigratesWhatRestartsAndWhatIsDisturbedElsewhere() {
        String out = execute(impact("node2", false), cluster, false);
        List<String> lines = TestShell.lines(out);

        assertEquals(List.of(new ImpactCall("node2", false)), cluster.impactCalls);
        assertEquals("If node2 is rebooted (standby first: its resources move away):", lines.get(0));
        assertTrue(lines.get(1).matches("resource\\W+effect\\W+from\\W+to\\W+services\\W+why\\s*"), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("db\\W+live-migrate\\W+node2\\W+node1\\W+postgres\\W+no outage\\s*")),
                out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("batch\\W+restart\\W+node2\\W+node3\\W+not migratable\\s*")), out);
        assertTrue(lines.contains("Also disturbed on other hosts:"), out);
        assertTrue(lines.stream().anyMatch(
                l -> l.matches("web\\W+cannot-run\\W+node3\\W+because db cannot run \\(db-before-web\\)\\s*")), out);
        assertEquals("Summary: 1 live-migrate, 1 restart; elsewhere 1 cannot-run. Outage for batch, web.",
                lines.get(lines.size() - 1));
    }

    @Test
    void failAsksForAFailure() {
        cluster.impact = new Impact("node2", true, List.of(new ImpactEntry("db", Effect.RESTART, "node2", "node1",
                "host failure: node2 is fenced first", List.of())), List.of(), Transition.EMPTY);

        String out = execute(impact("node2", true), cluster, false);

        assertEquals(List.of(new ImpactCall("node2", true)), cluster.impactCalls);
        assertTrue(out.startsWith("If node2 fails (fenced first, then its resources restart elsewhere):" + NL), out);
        assertTrue(out.endsWith("Summary: 1 restart. Outage for db." + NL), out);
    }

    @Test
    void aHostThatRunsNothingSaysSo() {
        cluster.impact = new Impact("node1", false, List.of(), List.of(), Transition.EMPTY);

        assertEquals("If node1 is rebooted (standby first: its resources move away):" + NL
                + "  nothing runs on node1." + NL, execute(impact("node1", false), cluster, false));
    }

    @Test
    void onlyLiveMigrationsMeanNoOutage() {
        cluster.impact = new Impact("node2", false, List.of(new ImpactEntry("db", Effect.LIVE_MIGRATE, "node2", "node1",
                "no outage", List.of())), List.of(), Transition.EMPTY);

        assertTrue(execute(impact("node2", false), cluster, false).endsWith("Summary: 1 live-migrate. No outage." + NL));
    }

    @Test
    void printsJson() {
        assertEquals("{\"host\":\"node2\",\"mode\":\"reboot\",\"affected\":["
                + "{\"resource\":\"batch\",\"effect\":\"restart\",\"from\":\"node2\",\"to\":\"node3\",\"services\":[],"
                + "\"why\":\"not migratable\"},"
                + "{\"resource\":\"db\",\"effect\":\"live-migrate\",\"from\":\"node2\",\"to\":\"node1\","
                + "\"services\":[\"postgres\"],\"why\":\"no outage\"}],"
                + "\"knockOn\":[{\"resource\":\"web\",\"effect\":\"cannot-run\",\"from\":\"node3\",\"to\":\"\",\"services\":[],"
                + "\"why\":\"because db cannot run (db-before-web)\"}],"
                + "\"actions\":[\"stop batch on node2\",\"migrate db from node2 to node1\",\"start batch on node3\"],"
                + "\"notes\":[\"db: migrate from node2 (standby) to node1\"]}" + NL,
                execute(impact("node2", false), cluster, true));
    }

    /** Karaf reads options only before the arguments: written after the host, they arrive as arguments. */
    @Test
    void flagsMayFollowTheHost() {
        ImpactCommand command = impact("node2", false);
        command.after = List.of("--fail", "--json");

        String out = execute(command, cluster, false);

        assertEquals(List.of(new ImpactCall("node2", true)), cluster.impactCalls);
        assertTrue(out.startsWith("{\"host\":\"node2\""), out);
    }

    @Test
    void anythingElseAfterTheHostIsRejected() {
        ImpactCommand command = impact("node2", false);
        command.after = List.of("node3");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> execute(command, cluster, false));
        assertEquals("unexpected 'node3': ha:impact [--fail] [--json] <host>", e.getMessage());
        assertEquals(List.of(), cluster.impactCalls);
    }

    @Test
    void anUnknownHostIsRejectedWithTheConfiguredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> execute(impact("node9", false), cluster, false));
        assertEquals("unknown host 'node9' (configured: node1, node2, node3)", e.getMessage());
    }
}
