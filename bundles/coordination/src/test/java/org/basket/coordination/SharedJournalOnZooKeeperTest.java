package org.basket.coordination;

import static org.awaitility.Awaitility.await;
import static org.basket.coordination.ManagersOnZooKeeper.awaitLeading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.basket.api.coordination.Role;
import org.basket.api.coordination.SharedState;
import org.basket.api.coordination.StaleEpochException;
import org.basket.core.journal.FenceRecord;
import org.basket.core.journal.Journal;
import org.basket.core.journal.OperationRecord;
import org.basket.core.journal.Outcome;
import org.basket.core.journal.SharedJournal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's shared journal on a real ZooKeeper server: the fencing and operation history and the hosts fenced are
 * written conditional on the epoch, taken over by the next leader, and bounded in keys and bytes whatever is written.
 */
class SharedJournalOnZooKeeperTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @RegisterExtension
    static final ManagersOnZooKeeper ZK = new ManagersOnZooKeeper("shared-journal");

    @TempDir
    Path dir;

    @Test
    void theNextLeaderTakesOverTheFencesAndOperationsAndAnOlderEpochAddsNothing() throws Exception {
        ZooKeeperCoordination first = ZK.manager("m1", "/history");
        long old = awaitLeading(first);
        SharedJournal firstShares = new SharedJournal(ZK.state(first, "/history"), old);
        try (Journal own = Journal.open(dir.resolve("first.mv"))) {
            own.recordFence(fence("node3", "ipmi-node3", Outcome.SUCCEEDED, 0));
            own.recordOperation(operation("start vm1 on node1", "node1", 1));
            firstShares.start(own);
        }
        firstShares.fence(fence("node2", "every level", Outcome.FAILED, 2));
        firstShares.fence(fence("node2", "ipmi-node2", Outcome.SUCCEEDED, 3));
        firstShares.operation(operation("start vm2 on node1", "node1", 4));
        ZooKeeperCoordination second = ZK.manager("m2", "/history");
        await().until(() -> second.role().kind() == Role.Kind.FOLLOWER);

        ZK.close(first);
        long current = awaitLeading(second);
        SharedState state = ZK.state(second, "/history");
        SharedJournal secondShares = new SharedJournal(state, current);

        List<FenceRecord> fences = List.of(fence("node3", "ipmi-node3", Outcome.SUCCEEDED, 0),
                fence("node2", "every level", Outcome.FAILED, 2), fence("node2", "ipmi-node2", Outcome.SUCCEEDED, 3));
        List<OperationRecord> operations = List.of(operation("start vm1 on node1", "node1", 1),
                operation("start vm2 on node1", "node1", 4));
        assertEquals(fences, secondShares.fenceHistory());
        assertEquals(operations, secondShares.operations());
        assertEquals(Map.of("node2", "ipmi-node2"), secondShares.fenced(), "node3's fence in the first leader's own "
                + "journal was before sharing: whether it stayed off is not known, so it is fenced again if need be");

        SharedJournal late = new SharedJournal(state, old); // the old leader's write, arriving after the takeover
        assertThrows(StaleEpochException.class, () -> late.fence(fence("node1", "ipmi-node1", Outcome.SUCCEEDED, 5)));
        assertThrows(StaleEpochException.class, () -> late.operation(operation("start vm3 on node2", "node2", 5)));
        assertThrows(StaleEpochException.class, () -> late.fenced(Map.of()));
        SharedJournal reread = new SharedJournal(state, current);
        assertEquals(fences, reread.fenceHistory(), "nothing of the older epoch landed");
        assertEquals(operations, reread.operations());
        assertEquals(Map.of("node2", "ipmi-node2"), reread.fenced());

        try (Journal own = Journal.open(dir.resolve("second.mv"))) {
            own.replaceFences(reread.fenceHistory());
            own.replaceOperations(reread.operations());
            assertEquals(fences, own.fenceHistory(100), "the new leader's own journal holds the history it took over");
            assertEquals(operations, own.operations(100));
        }
        reread.fenced(Map.of());
        assertEquals(Map.of(), new SharedJournal(state, current).fenced(), "node2 answered again");
    }

    @Test
    void theHistoriesStayWithinTheirKeysAndBytesWhateverIsWritten() throws Exception {
        ZooKeeperCoordination leader = ZK.manager("m1", "/bounds");
        long epoch = awaitLeading(leader);
        SharedState state = ZK.state(leader, "/bounds");
        SharedJournal shares = new SharedJournal(state, epoch);
        for (int i = 0; i < 30; i++) {
            shares.fence(fence("node1", "ipmi", Outcome.FAILED, i));
            shares.operation(operation("monitor vm1 on node1", "node1", i));
        }
        String longText = "x".repeat(5000) + "\nsecond line";
        for (int i = 0; i < 1000; i++) {
            shares.fence(new FenceRecord("host" + i, "ipmi", Outcome.FAILED, T.plusSeconds(100 + i), longText));
        }

        assertEquals(10, shares.operations().size(), "the last 10 operations on a host are kept");
        assertEquals(T.plusSeconds(20), shares.operations().get(0).started());
        List<FenceRecord> kept = new SharedJournal(state, epoch).fenceHistory();
        assertTrue(kept.size() < 1000, "older fences made room: " + kept.size() + " kept");
        assertTrue(kept.size() > 500, "each key holds what fits: " + kept.size() + " kept");
        assertEquals(16, state.readAll("journal/fences/").size());
        state.readAll("journal/").forEach((key, value) -> assertTrue(value.length <= 32 * 1024, key + ": "
                + value.length + " bytes"));
        FenceRecord last = kept.get(kept.size() - 1);
        assertEquals("host999", last.host(), "the newest record is kept when older ones make room");
        assertEquals(500, last.detail().length(), "a record's text is cut to one line of 500 characters");
        assertTrue(!last.detail().contains("\n"));
    }

    private static FenceRecord fence(String host, String device, Outcome outcome, int second) {
        return new FenceRecord(host, device, outcome, T.plusSeconds(second), outcome == Outcome.FAILED ? "timeout" : "");
    }

    private static OperationRecord operation(String action, String host, int second) {
        return new OperationRecord(action, host, T.plusSeconds(second), Duration.ofMillis(20), Outcome.SUCCEEDED, "");
    }
}
