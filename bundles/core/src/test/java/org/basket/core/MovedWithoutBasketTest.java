package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.EventKind;
import org.basket.api.model.Capacity;
import org.basket.core.config.ConfigPids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A VM that the hypervisor's manager or a person moved to another host is followed where it went: not counted as a
 * failure on the host it left (which would ban it from there after a few such moves), and not moved back.
 */
class MovedWithoutBasketTest {
    private final VirtualCluster cluster = new VirtualCluster();

    @AfterEach
    void stop() {
        cluster.close();
        assertEquals(List.of(), cluster.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void aVmMovedBehindBasketsBackIsFollowedWithoutAFailure() throws Exception {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim");
        for (String host : List.of("h1", "h2", "h3")) {
            cluster.datacenter.addHost(host, new Capacity(16, 65536));
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        cluster.file(ConfigPids.RESOURCE, "vm1", "cpus", "1", "memory.mb", "512", "migration.threshold", "1");
        cluster.start(Map.of("settle.ms", "0", "observe.interval.ms", "100", "resource.stickiness", "100"));
        cluster.until(() -> cluster.allRunning(List.of("vm1")), Duration.ofSeconds(5));

        for (int move = 1; move <= 3; move++) {
            String from = cluster.hostOf("vm1");
            String to = List.of("h1", "h2", "h3").stream().filter(h -> !h.equals(from)).findFirst().orElseThrow();
            long before = cluster.lastSequence();
            cluster.datacenter.migrate("vm1", from, to, Duration.ZERO);
            cluster.until(() -> cluster.sequenceAfter(before, e -> e.kind() == EventKind.RESOURCE_MOVED
                    && e.host().equals(from) && e.message().contains("to " + to)) > 0, Duration.ofSeconds(2));
            cluster.holds(() -> cluster.hostOf("vm1").equals(to), Duration.ofSeconds(2), "vm1 stays where it was moved");
            assertEquals(-1, cluster.sequenceAfter(before, e -> e.kind() == EventKind.RESOURCE_FAILED), cluster.recent());
        }
        assertTrue(cluster.status("vm1").failCounts().isEmpty(), "no failure counted: " + cluster.status("vm1"));
        assertEquals(1, cluster.datacenter.boots("vm1"), "never restarted");
    }
}
