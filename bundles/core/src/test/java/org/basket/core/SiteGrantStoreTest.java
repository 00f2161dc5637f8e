package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.basket.api.coordination.Role;
import org.basket.core.journal.EpochState;
import org.basket.core.site.Grant;
import org.basket.core.site.GrantStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where grants are kept: a synced file with one manager; the shared state, leader's epoch only, with several. */
class SiteGrantStoreTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    @TempDir
    Path dir;

    @Test
    void withOneManagerAGrantIsAFactInAFileThatOutlivesTheManager() throws Exception {
        Path file = dir.resolve("basket/site-grants.properties");
        new GrantStore(file).write("shop", Grant.heldBy("lyon"));
        new GrantStore(file).write("books", Grant.standingDown("paris"));
        assertEquals(Map.of("shop", Grant.heldBy("lyon"), "books", Grant.standingDown("paris")),
                new GrantStore(file).read());
        assertTrue(Files.readString(file).contains("books=>paris"));
    }

    @Test
    void grantsThatCannotBeReadAreNeverGuessed() throws Exception {
        Path file = dir.resolve("grants-as-a-folder");
        Files.createDirectories(file); // unreadable as a file
        GrantStore store = new GrantStore(file);
        assertEquals(Map.of(), store.read());
        assertTrue(store.unknownBecause() != null, "unknown, with the reason");
        Path good = dir.resolve("grants.properties");
        new GrantStore(good).write("shop", Grant.heldBy("lyon"));
        GrantStore known = new GrantStore(good);
        assertEquals(Map.of("shop", Grant.heldBy("lyon")), known.read());
        Files.delete(good);
        Files.createDirectories(good);
        assertEquals(Map.of("shop", Grant.heldBy("lyon")), known.read(), "the last grants read stay");
        assertEquals(null, known.unknownBecause());
    }

    @Test
    void withSeveralManagersOnlyTheLeaderOfTheLatestEpochMovesAGrantAndEveryManagerReadsIt() {
        EpochState zookeeper = new EpochState();
        SettableCoordination first = new SettableCoordination(Role.leader(1, NOW));
        GrantStore leader = new GrantStore(dir.resolve("unused-1"));
        leader.shareThrough(zookeeper, first);
        GrantStore follower = new GrantStore(dir.resolve("unused-2"));
        follower.shareThrough(zookeeper, new SettableCoordination(Role.follower(1, "first", NOW)));
        leader.write("shop", Grant.heldBy("lyon"));
        assertEquals(Map.of("shop", Grant.heldBy("lyon")), follower.read());
        IllegalStateException notLeader = assertThrows(IllegalStateException.class,
                () -> follower.write("shop", Grant.heldBy("paris")));
        assertTrue(notLeader.getMessage().contains("does not lead"), notLeader.getMessage());

        zookeeper.elect(2); // another manager took over: the old leader's write arrives late
        IllegalStateException stale = assertThrows(IllegalStateException.class,
                () -> leader.write("shop", Grant.heldBy("paris")));
        assertTrue(stale.getMessage().startsWith("the grant of shop was not moved"), stale.getMessage());
        assertEquals(Map.of("shop", Grant.heldBy("lyon")), follower.read(), "the grant did not move");
        assertTrue(!Files.exists(dir.resolve("unused-1")), "no local file while shared");
    }
}
