package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.Completion;
import org.basket.api.cluster.History;
import org.basket.api.cluster.History.Entry;
import org.basket.api.cluster.History.Kind;
import org.basket.api.cluster.History.Outcome;
import org.junit.jupiter.api.Test;

class HistoryCommandTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30Z");

    private final FakeClusterService cluster = snapshot().service();

    HistoryCommandTest() {
        cluster.history = new History("this manager's journal", List.of(
                new Entry(Kind.FENCE, T0, "node2", "", "fence node2", "ipmi-node2", Outcome.SUCCEEDED, Duration.ZERO, ""),
                new Entry(Kind.OPERATION, T0.plusSeconds(1), "node1", "db", "start db on node1", "", Outcome.FAILED,
                        Duration.ofMillis(1500), "domain db: no such domain")), 3);
    }

    private static HistoryCommand history(String host, String... after) {
        HistoryCommand command = new HistoryCommand();
        command.host = host;
        command.after = after.length == 0 ? null : Arrays.asList(after);
        return command;
    }

    @Test
    void tableShowsTheSourceTheEntriesAndWhatTheLimitLeftOut() {
        String out = execute(history(null), cluster, false);
        assertEquals(List.of(Arrays.asList(null, null, 30)), cluster.historyRequests);
        List<String> lines = TestShell.lines(out);
        assertEquals("History from this manager's journal:", lines.get(0));
        assertEquals(List.of("time", "host", "action", "outcome", "took", "detail"),
                List.of(lines.get(1).trim().split("\\s*\\|\\s*")));
        assertEquals(List.of("2025-03-01T10:15:30Z", "node2", "fence node2 by ipmi-node2", "succeeded"),
                List.of(lines.get(3).trim().split("\\s*\\|\\s*")));
        assertEquals(List.of("2025-03-01T10:15:31Z", "node1", "start db on node1", "failed", "1500 ms",
                "domain db: no such domain"), List.of(lines.get(4).trim().split("\\s*\\|\\s*")));
        assertEquals("3 older matching entries not shown (--limit)", lines.get(5));
        assertEquals(6, lines.size(), out);
    }

    @Test
    void hostResourceAndLimitReachTheServiceWrittenBeforeOrAfterTheHost() {
        HistoryCommand before = history("node1");
        before.resource = "db";
        before.limit = "5";
        execute(before, cluster, false);
        execute(history("node1", "--resource", "db", "--limit", "5"), cluster, false);
        assertEquals(List.of(Arrays.asList("node1", "db", 5), Arrays.asList("node1", "db", 5)), cluster.historyRequests);
    }

    @Test
    void jsonIsExact() {
        assertEquals("{\"source\":\"this manager's journal\",\"omitted\":3,\"entries\":["
                + "{\"time\":\"2025-03-01T10:15:30Z\",\"kind\":\"fence\",\"host\":\"node2\",\"resource\":\"\","
                + "\"action\":\"fence node2\",\"device\":\"ipmi-node2\",\"outcome\":\"succeeded\",\"durationMs\":0,"
                + "\"detail\":\"\"},"
                + "{\"time\":\"2025-03-01T10:15:31Z\",\"kind\":\"operation\",\"host\":\"node1\",\"resource\":\"db\","
                + "\"action\":\"start db on node1\",\"device\":\"\",\"outcome\":\"failed\",\"durationMs\":1500,"
                + "\"detail\":\"domain db: no such domain\"}]}" + NL,
                execute(history(null, "--json"), cluster, false));
    }

    @Test
    void nothingRecordedSaysSo() {
        cluster.history = new History("what the leader shared (the last 10 records of each host)", List.of(), 0);
        assertEquals("History from what the leader shared (the last 10 records of each host):" + NL
                + "  nothing recorded that matches." + NL, execute(history("node3"), cluster, false));
    }

    @Test
    void aBadLimitOrWordIsRefusedBeforeTheServiceIsAsked() {
        assertEquals("--limit must be a whole number from 1 to 1000, not '0'",
                assertThrows(IllegalArgumentException.class, () -> execute(history(null, "--limit", "0"), cluster, false))
                        .getMessage());
        assertEquals("--limit must be a whole number from 1 to 1000, not 'many'",
                assertThrows(IllegalArgumentException.class, () -> execute(history(null, "--limit", "many"), cluster,
                        false)).getMessage());
        assertEquals("unexpected 'node3': " + HistoryCommand.USAGE, assertThrows(IllegalArgumentException.class,
                () -> execute(history("node1", "node3"), cluster, false)).getMessage());
        assertEquals(List.of(), cluster.historyRequests);
    }

    @Test
    void theHostCompletesAsInTheOtherCommands() throws Exception {
        assertEquals(HostCompleter.class, HistoryCommand.class.getDeclaredField("host").getAnnotation(Completion.class)
                .value());
        assertEquals(ResourceCompleter.class, HistoryCommand.class.getDeclaredField("resource")
                .getAnnotation(Completion.class).value());
    }
}
