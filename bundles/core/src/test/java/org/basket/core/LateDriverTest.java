package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.EventKind;
import org.basket.api.model.Capacity;
import org.basket.api.model.HostState;
import org.basket.core.config.ConfigPids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A driver deployed late: its hosts were silent only because nothing could ask them. A host that does not answer at
 * once is suspect, and judged only after the whole dead timeout from when its driver came, never fenced at once.
 */
class LateDriverTest {
    private final VirtualCluster cluster = new VirtualCluster();
    private final ClusterManager manager = cluster.manager;

    @AfterEach
    void stop() {
        cluster.close();
        assertEquals(List.of(), cluster.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void aHostSilentWhenItsLateDriverComesGetsTheWholeDeadTimeout() throws Exception {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim");
        for (String host : List.of("node1", "node2", "node3")) {
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        cluster.file(ConfigPids.RESOURCE, "vm1", "cpus", "1");
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "2000"));
        cluster.advance(Duration.ofSeconds(10));
        assertEquals(HostState.UNMANAGED, manager.snapshot().state().hostState("node1"));
        cluster.datacenter.attach("node3", new Capacity(16, 65536));
        cluster.datacenter.cutContact("node3", true);

        manager.bindDriverFactory(cluster.driver);

        cluster.holds(() -> manager.snapshot().state().hostState("node3") != HostState.UNCLEAN
                && manager.snapshot().state().hostState("node3") != HostState.OFFLINE, Duration.ofMillis(1900),
                "node3 is not judged before the dead timeout from when its driver came");
        assertEquals(HostState.SUSPECT, manager.snapshot().state().hostState("node3"));
        assertTrue(manager.events(2000).stream().noneMatch(e -> e.kind() == EventKind.HOST_FENCED), cluster.recent());
        cluster.until(() -> manager.snapshot().state().hostState("node3") == HostState.OFFLINE, Duration.ofSeconds(10));
    }
}
