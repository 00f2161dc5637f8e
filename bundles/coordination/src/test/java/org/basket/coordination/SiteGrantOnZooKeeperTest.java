package org.basket.coordination;

import static org.awaitility.Awaitility.await;
import static org.basket.coordination.ManagersOnZooKeeper.awaitLeading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.RoleListener;
import org.basket.api.coordination.StaleEpochException;
import org.basket.core.site.Grant;
import org.basket.core.site.GrantStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site grant kept by two managers on a real ZooKeeper server: moved by the leader with its epoch, read by the next
 * leader, refused to a former leader whose write arrives late, and reported unknown (never guessed) when it cannot be
 * read.
 */
class SiteGrantOnZooKeeperTest {
    @RegisterExtension
    static final ManagersOnZooKeeper ZK = new ManagersOnZooKeeper("site-grant");

    @TempDir
    Path dir;

    @Test
    void theNextLeaderReadsTheGrantAFormerLeaderCannotMoveItAndAnUnreadableGrantIsUnknown() throws Exception {
        ZooKeeperCoordination a = ZK.manager("a", "/sites");
        long old = awaitLeading(a);
        GrantStore storeA = store("a", a, a);
        ZooKeeperCoordination b = ZK.manager("b", "/sites");
        await().until(() -> b.role().kind() == Role.Kind.FOLLOWER);
        GrantStore storeB = store("b", b, b);

        storeA.write("shop", Grant.heldBy("east"));
        storeA.write("shop", Grant.standingDown("west"));
        assertEquals(Map.of("shop", Grant.standingDown("west")), storeB.read(), "a follower reads the move under way");
        storeA.write("shop", Grant.heldBy("west"));
        IllegalStateException follower = assertThrows(IllegalStateException.class,
                () -> storeB.write("shop", Grant.heldBy("east")));
        assertTrue(follower.getMessage().contains("does not lead"), follower.getMessage());

        a.zooKeeper().getTestable().injectSessionExpiration(); // a is cut off: the server expires its session
        long current = awaitLeading(b);
        assertTrue(current > old, "b leads a newer epoch: " + current + " after " + old);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.role().kind() == Role.Kind.FOLLOWER);
        assertEquals(Map.of("shop", Grant.heldBy("west")), storeB.read(), "b reads the grant a wrote");

        // a decided to move the grant while it led, and its write arrives on its new session after b took over
        GrantStore late = store("a-late", new AsSeenBefore(a, Role.leader(old, Instant.now())), a);
        IllegalStateException stale = assertThrows(IllegalStateException.class,
                () -> late.write("shop", Grant.heldBy("east")));
        assertTrue(stale.getMessage().startsWith("the grant of shop was not moved"), stale.getMessage());
        assertInstanceOf(StaleEpochException.class, stale.getCause(), "refused by the epoch condition in ZooKeeper");
        assertEquals(Map.of("shop", Grant.heldBy("west")), storeB.read(), "the grant stayed on west");
        IllegalStateException notLeading = assertThrows(IllegalStateException.class,
                () -> storeA.write("shop", Grant.heldBy("east")));
        assertTrue(notLeading.getMessage().contains("does not lead"), notLeading.getMessage());

        storeB.write("shop", Grant.heldBy("east"));
        assertEquals(Map.of("shop", Grant.heldBy("east")), storeB.read());
        assertEquals(Map.of("shop", Grant.heldBy("east")), storeA.read(), "a, now a follower, reads b's move");

        GrantStore neverRead = store("b-fresh", b, b);
        ZK.server().kill(0);
        assertEquals(Map.of(), neverRead.read(), "no grant guessed");
        String why = neverRead.unknownBecause();
        assertNotNull(why, "unknown, with the reason: every group stands down");
        assertTrue(why.contains("sites/grant/"), why);
        assertEquals(Map.of("shop", Grant.heldBy("east")), storeB.read(), "the last grants read stay in force");
        assertNull(storeB.unknownBecause());
        IllegalStateException unreachable = assertThrows(IllegalStateException.class,
                () -> storeB.write("shop", Grant.heldBy("west")));
        assertTrue(unreachable.getMessage().matches("(?s).*(does not lead|was not moved).*"), unreachable.getMessage());
        assertEquals(Map.of("shop", Grant.heldBy("east")), storeB.read(), "nothing moved while out of reach");
    }

    private GrantStore store(String name, Coordination view, ZooKeeperCoordination connection) throws Exception {
        GrantStore store = new GrantStore(dir.resolve(name + "-unused.properties"));
        store.shareThrough(ZK.state(connection, "/sites"), view);
        return store;
    }

    /** A manager's view from before it lost the lead: what it believed when it decided to write. */
    private record AsSeenBefore(Coordination real, Role before) implements Coordination {
        @Override
        public String managerId() {
            return real.managerId();
        }

        @Override
        public Role role() {
            return before;
        }

        @Override
        public boolean leadsAt(long epoch) {
            return before.epoch() == epoch;
        }

        @Override
        public Duration lease() {
            return real.lease();
        }

        @Override
        public List<Member> members() throws CoordinationException {
            return real.members();
        }

        @Override
        public void addRoleListener(RoleListener listener) {
        }

        @Override
        public void removeRoleListener(RoleListener listener) {
        }
    }
}
