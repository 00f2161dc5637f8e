package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEvent.Severity;
import org.basket.api.cluster.EventKind;
import org.junit.jupiter.api.Test;

class EventsCommandTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30Z");

    private final FakeClusterService cluster = snapshot().service();

    EventsCommandTest() {
        cluster.events.add(new ClusterEvent(1, T0, Severity.INFO, "start db on node1"));
        cluster.events.add(new ClusterEvent(2, T0.plusMillis(1500), Severity.WARNING, EventKind.RESOURCE_FAILED, "node2",
                "web", "", Optional.empty(), "web failed on node2 (failure 1)"));
        cluster.events.add(new ClusterEvent(3, T0.plusSeconds(60), Severity.ERROR, EventKind.CONFIG_REJECTED, "", "",
                "", Optional.empty(), "configuration rejected: org.basket.host-x.cfg: key \"driver\": missing"));
        cluster.events.add(new ClusterEvent(4, T0.plusSeconds(61), Severity.INFO, EventKind.ACTION_DONE, "node1", "db",
                "start db on node1", Optional.of(Duration.ofMillis(20)), "start db on node1: done in 20 ms"));
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
                + "2025-03-01T10:16:30Z ERROR configuration rejected: org.basket.host-x.cfg: key \"driver\": missing" + NL
                + "2025-03-01T10:16:31Z INFO start db on node1: done in 20 ms" + NL,
                out);
    }

    @Test
    void countLimitsTheEvents() {
        String out = execute(events(1), cluster, false);
        assertEquals(List.of(1), cluster.eventRequests);
        assertTrue(out.startsWith("2025-03-01T10:16:31Z INFO "), out);
        assertEquals(1, TestShell.lines(out).size(), out);
    }

    @Test
    void jsonIsExactWithTheTypedFields() {
        assertEquals("[{\"sequence\":3,\"time\":\"2025-03-01T10:16:30Z\",\"severity\":\"ERROR\","
                + "\"kind\":\"config_rejected\","
                + "\"message\":\"configuration rejected: org.basket.host-x.cfg: key \\\"driver\\\": missing\"},"
                + "{\"sequence\":4,\"time\":\"2025-03-01T10:16:31Z\",\"severity\":\"INFO\",\"kind\":\"action_done\","
                + "\"host\":\"node1\",\"resource\":\"db\",\"action\":\"start db on node1\",\"durationMs\":20,"
                + "\"message\":\"start db on node1: done in 20 ms\"}]" + NL,
                execute(events(2), cluster, true));
    }

    @Test
    void jsonTellsHowOftenARepeatedEventCameAgain() {
        cluster.events.add(new ClusterEvent(5, T0.plusSeconds(121), Severity.WARNING, EventKind.RESOURCE_FAILED, "node2",
                "web", "", Optional.empty(), "web failed on node2 (failure 1) (again 3 time(s) until 10:17:31Z)", 3));

        assertTrue(execute(events(1), cluster, true).contains("\"resource\":\"web\",\"repeats\":3,\"message\":"));
    }

    @Test
    void filtersUseTheTypedFieldsAmongAllEventsHeld() {
        EventsCommand command = events(5);
        command.kind = "resource-failed";
        assertEquals("2025-03-01T10:15:31.500Z WARNING web failed on node2 (failure 1)" + NL,
                execute(command, cluster, false));
        assertEquals(List.of(EventsCommand.HELD), cluster.eventRequests);

        EventsCommand about = events(5);
        about.host = "node1";
        about.resource = "db";
        assertEquals("2025-03-01T10:16:31Z INFO start db on node1: done in 20 ms" + NL, execute(about, cluster, false));
    }

    @Test
    void anUnknownKindIsRejectedWithTheKinds() {
        EventsCommand command = events(5);
        command.kind = "explosion";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> execute(command, cluster, false));
        assertTrue(e.getMessage().startsWith("unknown event kind 'explosion' (kinds: host_suspect, host_dead, "),
                e.getMessage());
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
