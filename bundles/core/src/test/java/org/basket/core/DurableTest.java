package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.basket.api.cluster.ClusterEvent.Severity;
import org.basket.api.cluster.EventKind;
import org.basket.core.journal.Flag;
import org.basket.core.journal.Journal;
import org.basket.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal that cannot be written is a fault until it reopens, and nothing written meanwhile is lost. */
class DurableTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;
    private final EventLog events = new EventLog(100, new MutableClock());
    private final List<Journal> opened = new ArrayList<>();
    private final AtomicBoolean diskBroken = new AtomicBoolean();

    private Journal open(Path file) {
        if (diskBroken.get()) {
            throw new IllegalStateException("simulated: input/output error");
        }
        Journal journal = Journal.open(file);
        opened.add(journal);
        return journal;
    }

    @Test
    void writesMissedWhileBrokenAreReplayedOnceItReopens() {
        Path file = dir.resolve("journal.mv");
        Durable durable = Durable.open(file, events, this::open);
        durable.failure("db", "node1", T);
        assertEquals(Optional.empty(), durable.fault());

        opened.get(0).close(); // what MVStore does after an I/O error: every later call fails
        diskBroken.set(true);
        durable.failure("db", "node1", T.plusSeconds(1));
        durable.flag(Flag.host(Flag.Kind.STANDBY, "node2"), true);
        assertTrue(durable.fault().orElseThrow().contains("cannot be written"), durable.fault().toString());
        assertTrue(events.recent(10).stream().anyMatch(e -> e.kind() == EventKind.JOURNAL
                && e.severity() == Severity.ERROR), events.recent(10).toString());
        assertFalse(durable.recover(), "the disk is still broken");
        assertTrue(durable.fault().isPresent());

        diskBroken.set(false);
        assertFalse(durable.recover(), "it was open before: nothing to restore");
        assertEquals(Optional.empty(), durable.fault());
        assertEquals(Map.of("db", Map.of("node1", 2)), durable.failCounts());
        assertEquals(Set.of(Flag.host(Flag.Kind.STANDBY, "node2")), durable.flags());
        assertTrue(events.recent(10).stream().anyMatch(e -> e.kind() == EventKind.JOURNAL // what the operator reads:
                && e.message().endsWith("2 missed write(s) replayed; Basket acts again")), events.recent(10).toString());
        durable.close();
    }

    @Test
    void aJournalThatCannotBeOpenedIsAFaultUntilItCan() {
        diskBroken.set(true);
        Durable durable = Durable.open(dir.resolve("journal.mv"), events, this::open);
        assertTrue(durable.fault().orElseThrow().contains("cannot be opened"));
        durable.flag(Flag.cluster(Flag.Kind.MAINTENANCE), true);

        diskBroken.set(false);
        assertTrue(durable.recover(), "never open before: the manager restores what it holds");
        assertEquals(Set.of(Flag.cluster(Flag.Kind.MAINTENANCE)), durable.flags());
        durable.close();
    }
}
