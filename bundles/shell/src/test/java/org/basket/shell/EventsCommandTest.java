package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEvent.Severity;
import org.junit.jupiter.api.Test;

class EventsCommandTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30Z");

    private final FakeClusterService cluster = snapshot().service();

    EventsCommandTest() {
        cluster.events.add(new ClusterEvent(1, T0, Severity.INFO, "start db on node1"));
        cluster.events.add(new ClusterEvent(2, T0.plusMillis(1500), Severity.WARNING, "web failed on node2 (failure 1)"));
        cluster.events.add(new ClusterEvent(3, T0.plusSeconds(60), Severity.ERROR,
                "configuration rejected: org.basket.host-x.cfg: key \"driver\": missing"));
    }

    private static EventsCommand events(int count) {
        EventsCommand command = new EventsCommand();
        command.count = count;
        return command;
    }

    @Test
    void listsEventsOldestFirst() {
        String out = execute(new EventsCommand(), cluster, false);
        assertEquals(List.of(30), cluster.eventRequests);
        assertEquals("2025-03-01T10:15:30Z INFO start db on node1" + NL
                + "2025-03-01T10:15:31.500Z WARNING web failed on node2 (failure 1)" + NL
                + "2025-03-01T10:16:30Z ERROR configuration rejected: org.basket.host-x.cfg: key \"driver\": missing" + NL,
                out);
    }

    @Test
    void countLimitsTheEvents() {
        String out = execute(events(1), cluster, false);
        assertEquals(List.of(1), cluster.eventRequests);
        assertTrue(out.startsWith("2025-03-01T10:16:30Z ERROR "), out);
        assertEquals(1, TestShell.lines(out).size(), out);
    }

    @Test
    void jsonIsExact() {
        assertEquals("[{\"sequence\":2,\"time\":\"2025-03-01T10:15:31.500Z\",\"severity\":\"WARNING\","
                + "\"message\":\"web failed on node2 (failure 1)\"},"
                + "{\"sequence\":3,\"time\":\"2025-03-01T10:16:30Z\",\"severity\":\"ERROR\","
                + "\"message\":\"configuration rejected: org.basket.host-x.cfg: key \\\"driver\\\": missing\"}]" + NL,
                execute(events(2), cluster, true));
    }

    @Test
    void noEventsIsAnEmptyList() {
        FakeClusterService quiet = snapshot().service();
        assertEquals("[]" + NL, execute(new EventsCommand(), quiet, true));
        assertEquals("", execute(new EventsCommand(), quiet, false));
    }

    @Test
    void aCountBelowOneIsRejected() {
        for (int count : new int[] {0, -5}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> execute(events(count), cluster, false));
            assertEquals("--count must be at least 1, not " + count, e.getMessage());
        }
        assertEquals(List.of(), cluster.eventRequests);
    }
}
