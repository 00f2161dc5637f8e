package org.basket.coordination;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.basket.api.coordination.ObservationShare;
import org.basket.api.coordination.StaleEpochException;
import org.basket.api.coordination.StateLimitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reconcile polls shared out among the managers, on one real ZooKeeper server: rendezvous assignment over the
 * followers, the leader's digests in buckets written only when changed and only in its epoch, a follower's news bounded
 * whatever it writes, and coverage that ends within two intervals of a follower's last sweep by the ensemble's clock.
 */
class ObservationShareTest {
    private static final List<String> HOSTS = IntStream.rangeClosed(1, 1000).mapToObj(i -> "host" + i).toList();
    @RegisterExtension
    static final ManagersOnZooKeeper ZK = new ManagersOnZooKeeper("observation-share");

    @Test
    void aMemberThatComesOrGoesMovesOnlyTheHostsItHolds() throws Exception {
        Manager leader = manager("m1", "/assign");
        awaitLeading(leader);
        assertTrue(HOSTS.stream().allMatch(h -> leader.share.holder(h).isEmpty()), "no follower: the leader holds all");
        Manager m2 = manager("m2", "/assign");
        Manager m3 = manager("m3", "/assign");
        awaitFollowers(leader, 2);
        Map<String, String> before = holders(leader.share);
        assertEquals(Set.of("m2", "m3"), Set.copyOf(before.values()));
        assertEquals(before, holders(m2.share), "every manager computes the same assignment");

        Manager m4 = manager("m4", "/assign");
        awaitFollowers(leader, 3);
        Map<String, String> with4 = holders(leader.share);
        long moved = HOSTS.stream().filter(h -> !before.get(h).equals(with4.get(h))).count();
        assertTrue(HOSTS.stream().filter(h -> !before.get(h).equals(with4.get(h))).allMatch(h -> with4.get(h).equals("m4")),
                "only hosts that go to the new member move");
        assertTrue(moved > 250 && moved < 420, "about a third moves: " + moved);

        ZK.close(m4);
        awaitFollowers(leader, 2);
        assertEquals(before, holders(leader.share), "its hosts go back where they were, no other moves");
        ZK.close(m2);
        awaitFollowers(leader, 1);
        Map<String, String> without2 = holders(leader.share);
        HOSTS.stream().filter(h -> before.get(h).equals("m3")).forEach(h -> assertEquals("m3", without2.get(h)));
        assertTrue(without2.values().stream().allMatch("m3"::equals));
    }

    @Test
    void theLeaderPublishesChangedBucketsOnlyAndOnlyInItsEpoch() throws Exception {
        Manager first = manager("m1", "/digests");
        long old = awaitLeading(first);
        Manager second = manager("m2", "/digests");
        awaitFollowers(first, 1);
        Map<String, String> digests = new TreeMap<>();
        HOSTS.forEach(h -> digests.put(h, "d" + h.hashCode()));
        first.share.publish(old, digests);
        await().until(() -> second.share.digest("host77").isPresent());
        assertEquals(Optional.of(digests.get("host77")), second.share.digest("host77"));
        assertTrue(HOSTS.stream().allMatch(h -> second.share.digest(h).equals(Optional.of(digests.get(h)))));
        Map<Integer, Integer> versions = bucketVersions("/digests");

        first.share.publish(old, digests);
        assertEquals(versions, bucketVersions("/digests"), "nothing changed: nothing written");
        digests.put("host5", "changed");
        first.share.publish(old, digests);
        Map<Integer, Integer> after = bucketVersions("/digests");
        int bucket = ZooKeeperObservationShare.bucketOf("host5");
        versions.put(bucket, versions.get(bucket) + 1);
        assertEquals(versions, after, "only host5's bucket is written again");
        assertThrows(StateLimitException.class, () -> first.share.publish(old, Map.of("host 1", "d")));
        assertThrows(StateLimitException.class, () -> first.share.publish(old, Map.of("host1", "x".repeat(65))));

        ZK.close(first);
        long current = awaitLeading(second);
        assertTrue(current > old);
        Map<String, String> late = new HashMap<>(digests);
        late.put("host6", "late");
        assertThrows(StaleEpochException.class, () -> second.share.publish(old, late),
                "a write of the older epoch, however late, fails");
        assertEquals(after, bucketVersions("/digests"), "and leaves nothing");
        second.share.publish(current, late);
        await().until(() -> second.share.digest("host6").equals(Optional.of("late")));
    }

    @Test
    void aFollowersNewsReachTheLeaderAsBoundedNamesWhateverItWrites() throws Exception {
        Manager leader = manager("m1", "/news");
        awaitLeading(leader);
        Manager follower = manager("m2", "/news");
        awaitFollowers(leader, 1);
        List<String> heard = new CopyOnWriteArrayList<>();
        leader.share.addNewsListener((from, host) -> heard.add(from + ":" + host));

        follower.share.report(List.of("host3", "host9"));
        await().until(() -> heard.size() == 2);
        assertEquals(List.of("m2:host3", "m2:host9"), heard);
        leader.share.report(List.of("host1")); // a leader's report is no news: it polls by itself

        heard.clear();
        follower.share.report(HOSTS.stream().flatMap(h -> IntStream.range(0, 10).mapToObj(i -> h + "-" + i)).toList());
        await().until(() -> heard.size() >= 200);
        Thread.sleep(300);
        assertTrue(heard.size() <= ObservationShare.MAX_NEWS, "a flood is cut to the bound: " + heard.size());

        heard.clear();
        StringBuilder lie = new StringBuilder("seq=1\n");
        IntStream.range(0, 40_000).forEach(i -> lie.append(i % 2 == 0 ? "h" + i : "not a host/" + i).append('\n'));
        try (Raw raw = new Raw()) { // a follower writing past its own client's bounds
            raw.zk.setData("/news/observation/news/m2", lie.toString().getBytes(StandardCharsets.UTF_8), -1);
        }
        await().until(() -> !heard.isEmpty());
        Thread.sleep(300);
        assertTrue(heard.size() <= ObservationShare.MAX_NEWS, "read within the bounds: " + heard.size());
        assertTrue(heard.stream().allMatch(n -> n.matches("m2:h[0-9]+")), "only well-formed host names");
        assertFalse(heard.contains("m1:host1"));
    }

    @Test
    void coverageEndsWithinTwoIntervalsOfTheFollowersLastSweepByTheEnsemblesClock() throws Exception {
        Duration interval = Duration.ofSeconds(1);
        Duration twice = interval.multipliedBy(2);
        Manager leader = manager("m1", "/coverage");
        awaitLeading(leader);
        Manager m2 = manager("m2", "/coverage");
        Manager m3 = manager("m3", "/coverage");
        awaitFollowers(leader, 2);
        String of2 = HOSTS.stream().filter(h -> leader.share.holder(h).equals(Optional.of("m2"))).findFirst().orElseThrow();
        String of3 = HOSTS.stream().filter(h -> leader.share.holder(h).equals(Optional.of("m3"))).findFirst().orElseThrow();
        assertFalse(leader.share.covered(of2, twice), "no sweep yet: not covered");

        m2.share.sweepDone();
        m3.share.sweepDone();
        await().atMost(Duration.ofSeconds(2)).until(() -> leader.share.covered(of2, twice) && leader.share.covered(of3, twice));
        long lastSweep = System.nanoTime();
        for (int i = 0; i < 6; i++) { // m3 sweeps on, m2 stalls
            Thread.sleep(interval.toMillis() / 2);
            m3.share.sweepDone();
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> !leader.share.covered(of2, twice));
        long stalledFor = (System.nanoTime() - lastSweep) / 1_000_000;
        assertTrue(stalledFor >= twice.toMillis() - 250 && stalledFor < twice.toMillis() + 2_000,
                "the stalled follower's hosts come back after two intervals: " + stalledFor + " ms");
        assertTrue(leader.share.covered(of3, twice), "the follower that sweeps keeps its hosts");

        ZK.close(m3); // its session ends mid-sweep: its member and progress nodes go with it
        await().atMost(Duration.ofSeconds(3)).until(() -> !leader.share.covered(of3, twice));
        assertEquals(Optional.of("m2"), leader.share.holder(of3));
    }

    private record Manager(ZooKeeperCoordination coordination, ZooKeeperObservationShare share) implements AutoCloseable {
        @Override
        public void close() {
            share.close();
            coordination.close();
        }
    }

    private static final class Raw implements AutoCloseable {
        final ZooKeeper zk;

        Raw() throws Exception {
            zk = new ZooKeeper(ZK.server().connect(), 3000, event -> { });
            await().until(() -> zk.getState().isConnected());
        }

        @Override
        public void close() throws InterruptedException {
            zk.close();
        }
    }

    private static Manager manager(String id, String chroot) throws Exception {
        CoordinationSettings settings = ZK.settings(id, chroot);
        ZooKeeperCoordination coordination = ZooKeeperCoordination.start(settings);
        return ZK.closedAfterTest(new Manager(coordination,
                new ZooKeeperObservationShare(coordination, Clients.acl(settings))));
    }

    private static long awaitLeading(Manager manager) {
        return ManagersOnZooKeeper.awaitLeading(manager.coordination);
    }

    private static void awaitFollowers(Manager manager, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> HOSTS.stream().map(manager.share::holder)
                .flatMap(Optional::stream).distinct().count() == count);
    }

    private static Map<String, String> holders(ObservationShare share) {
        Map<String, String> holders = new TreeMap<>();
        HOSTS.forEach(h -> holders.put(h, share.holder(h).orElse("")));
        return holders;
    }

    private static Map<Integer, Integer> bucketVersions(String chroot) throws Exception {
        Map<Integer, Integer> versions = new TreeMap<>();
        try (Raw raw = new Raw()) {
            for (String child : raw.zk.getChildren(chroot + "/observation/digest", false)) {
                Stat stat = raw.zk.exists(chroot + "/observation/digest/" + child, false);
                versions.put(Integer.parseInt(child), stat.getVersion());
            }
        }
        return versions;
    }
}
