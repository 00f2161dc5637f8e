package org.basket.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.basket.api.coordination.StaleEpochException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedJournalTest {
    private static final Instant T = Instant.parse("2026-12-04T12:00:00Z");
    private final EpochState store = new EpochState();

    @TempDir
    Path dir;

    @Test
    void whatALeaderSharesTheNextOneReadsBack() throws Exception {
        SharedJournal first = new SharedJournal(store, 1);
        first.failures("web", List.of(new FailureRecord("web", "node1", 2, T), new FailureRecord("web", "node2", 1, T)));
        first.flags(Set.of(Flag.host(Flag.Kind.STANDBY, "node3")));
        first.retired(Map.of("old-vm", "old"));
        first.transition(Optional.of(new TransitionRecord(7, T, List.of("start web on node2", "stop db on node1"),
                Map.of("start web on node2", true))));

        store.elect(2);
        SharedJournal next = new SharedJournal(store, 2);

        assertEquals(List.of(new FailureRecord("web", "node1", 2, T), new FailureRecord("web", "node2", 1, T)),
                next.failures());
        assertEquals(Set.of(Flag.host(Flag.Kind.STANDBY, "node3")), next.flags());
        assertEquals(Map.of("old-vm", "old"), next.retired(), "a removed resource that may still run is stopped by the next");
        TransitionRecord inFlight = next.transition().orElseThrow();
        assertEquals(List.of("stop db on node1"), inFlight.pending());
        assertEquals(7, inFlight.id());
    }

    @Test
    void aDeposedLeadersWriteIsRefusedAndChangesNothing() throws Exception {
        new SharedJournal(store, 1).flags(Set.of(Flag.host(Flag.Kind.STANDBY, "node1")));
        store.elect(2);

        StaleEpochException e = assertThrows(StaleEpochException.class,
                () -> new SharedJournal(store, 1).flags(Set.of()));

        assertEquals(1, e.epoch());
        assertEquals(Set.of(Flag.host(Flag.Kind.STANDBY, "node1")), new SharedJournal(store, 2).flags());
    }

    @Test
    void clearedFailuresAndAnEndedTransitionAreRemoved() throws Exception {
        SharedJournal shared = new SharedJournal(store, 1);
        shared.failures("db", List.of(new FailureRecord("db", "node1", 1, T)));
        shared.transition(Optional.of(new TransitionRecord(1, T, List.of("start db on node1"), Map.of())));

        shared.failures("db", List.of());
        shared.transition(Optional.empty());

        assertEquals(List.of(), shared.failures());
        assertTrue(shared.transition().isEmpty());
        assertEquals(Set.of(), store.readAll("").keySet());
    }

    @Test
    void theFirstLeaderSharesItsOwnJournalOnce() throws Exception {
        try (Journal journal = Journal.open(dir.resolve("j.mv"))) {
            journal.recordFailure("web", "node1", T);
            journal.setFlag(Flag.host(Flag.Kind.MAINTENANCE, "node2"), true);
            SharedJournal shared = new SharedJournal(store, 1);
            assertFalse(shared.started());

            shared.start(journal);

            assertTrue(shared.started());
            assertEquals(List.of(new FailureRecord("web", "node1", 1, T)), shared.failures());
            assertEquals(Set.of(Flag.host(Flag.Kind.MAINTENANCE, "node2")), shared.flags());
        }
    }

    @Test
    void eventIdsOfTheSharedCounterFollowEveryIdTheFirstLeadersJournalHandedOut() throws Exception {
        try (Journal journal = Journal.open(dir.resolve("ids.mv"))) {
            long firstLocal = journal.reserveEventIds(1_000);
            SharedJournal shared = new SharedJournal(store, 1);

            shared.start(journal);

            assertTrue(shared.reserveEventIds(10) > firstLocal + 1_000, "after the local journal's ids");
            store.elect(2);
            long later = new SharedJournal(store, 2).reserveEventIds(10);
            assertThrows(StaleEpochException.class, () -> shared.reserveEventIds(10));
            assertTrue(new SharedJournal(store, 2).reserveEventIds(10) >= later + 10, "never handed out twice");
        }
    }

    @Test
    void aResourceNameIsAnAllowedKeyWhateverItHolds() {
        assertEquals("web-1.eu_2", SharedJournal.escape("web-1.eu_2"));
        assertEquals("a@2fb@40c@20d@c3@a9", SharedJournal.escape("a/b@c d\u00e9"));
    }
}
