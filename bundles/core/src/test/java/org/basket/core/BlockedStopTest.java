package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.Capacity;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stop that fails on a host no fence device can clear blocks the resource there, as in Pacemaker: no retry, no
 * start elsewhere, and what must stop after it (the {@code first} of its order) stays, until ha:cleanup.
 */
class BlockedStopTest {
    @TempDir
    Path dir;

    @Test
    void aStopThatFailsWithoutFencingBlocksUntilCleanupAndARestartKeepsTheBlock() {
        VirtualCluster first = start(new VirtualCluster());
        String db = first.hostOf("db");
        String web = first.hostOf("web");
        first.datacenter.failNext(Operation.STOP, "web", 1);
        first.file(ConfigPids.CONSTRAINT, "db-not-there", "type", "location", "resource", "db", "host", db,
                "score", "-INFINITY");
        first.until(() -> web.equals(first.status("web").blockedOn()), Duration.ofSeconds(5));
        ClusterEvent blocked = first.manager.events(2000).stream()
                .filter(e -> e.kind() == EventKind.RESOURCE_FAILED && e.message().contains("blocked"))
                .findFirst().orElseThrow(() -> new AssertionError(first.recent()));
        assertEquals("web", blocked.resource());
        assertTrue(blocked.message().contains("ha:cleanup web"), blocked.message());
        long before = first.lastSequence();
        first.holds(() -> first.status("db").activeOn().equals(List.of(db))
                && first.status("web").activeOn().equals(List.of(web)), Duration.ofSeconds(5),
                "db and web stay where they run");
        assertEquals(-1, first.sequenceAfter(before, e -> e.action().contains("web") || e.action().contains("db")),
                "no action on the blocked web nor on db, which stops after it: " + first.recent());
        first.close();

        VirtualCluster next = new VirtualCluster(first.datacenter);
        next.file(ConfigPids.CONSTRAINT, "db-not-there", "type", "location", "resource", "db", "host", db,
                "score", "-INFINITY");
        start(next);
        try {
            next.until(() -> web.equals(next.status("web").blockedOn()), Duration.ofSeconds(3));
            next.holds(() -> next.status("db").activeOn().equals(List.of(db)), Duration.ofSeconds(3),
                    "the restarted manager keeps the block");
            assertEquals(-1, next.sequenceOf(e -> e.action().contains("web") || e.action().contains("db")),
                    next.recent());

            next.manager.cleanup("web");
            assertEquals("", next.manager.observer().blockedOn("web"));
            next.until(() -> next.status("web").blockedOn().isEmpty()
                    && next.status("web").failCounts().isEmpty(), Duration.ofSeconds(1));
            next.until(() -> !next.status("db").activeOn().equals(List.of(db)) && next.allRunning(List.of("db", "web"))
                    && next.manager.isIdle(), Duration.ofSeconds(10));
            assertTrue(next.sequenceOf(EventMatch.done("stop web on " + web)) > 0, next.recent());
            assertFalse(next.status("db").activeOn().contains(db));
        } finally {
            next.close();
        }
    }

    @Test
    void aHostConfirmedOffNoLongerHoldsWhatWasBlockedThere() {
        VirtualCluster cluster = start(new VirtualCluster());
        try {
            String web = cluster.hostOf("web");
            cluster.datacenter.failNext(Operation.STOP, "web", 1);
            cluster.file(ConfigPids.CONSTRAINT, "web-not-there", "type", "location", "resource", "web", "host", web,
                    "score", "-INFINITY");
            cluster.until(() -> web.equals(cluster.status("web").blockedOn()), Duration.ofSeconds(5));
            cluster.datacenter.crashHost(web);
            cluster.manager.confirmFenced(web);
            cluster.until(() -> cluster.status("web").blockedOn().isEmpty() && cluster.allRunning(List.of("web"))
                    && !cluster.hostOf("web").equals(web), Duration.ofSeconds(10));
        } finally {
            cluster.close();
        }
    }

    private VirtualCluster start(VirtualCluster cluster) {
        LaggingSim driver = new LaggingSim(cluster.driver, cluster.time).withoutFencing();
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim");
        for (String host : List.of("node1", "node2")) {
            if (cluster.datacenter.hosts().stream().noneMatch(h -> h.name().equals(host))) {
                cluster.datacenter.addHost(host, new Capacity(16, 65536));
            }
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        cluster.file(ConfigPids.RESOURCE, "db", "cpus", "1", "memory.mb", "512", "migratable", "false");
        cluster.file(ConfigPids.RESOURCE, "web", "cpus", "1", "memory.mb", "512", "migratable", "false");
        cluster.file(ConfigPids.CONSTRAINT, "db-before-web", "type", "order", "first", "db", "then", "web");
        cluster.manager.bindDriverFactory(driver);
        cluster.manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "100",
                "journal.path", dir.resolve("journal.mv").toString()));
        cluster.until(() -> cluster.allRunning(List.of("db", "web")), Duration.ofSeconds(5));
        return cluster;
    }
}
