package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.model.Capacity;
import org.basket.core.config.ConfigPids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A VM names the driver endpoint whose hosts can run it (its driver key): it is placed and recovered only on those
 * hosts, and when none is left it waits, saying why, instead of being tried on a host of another driver.
 */
class DriverAffinityTest {
    private final VirtualCluster cluster = new VirtualCluster();

    @AfterEach
    void stop() {
        cluster.close();
        assertEquals(List.of(), cluster.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void aVmRunsAndRestartsOnlyOnHostsOfItsDriver() throws Exception {
        cluster.file(ConfigPids.DRIVER, "a", "type", "sim");
        cluster.file(ConfigPids.DRIVER, "b", "type", "sim");
        for (String host : List.of("a1", "a2", "b1")) {
            cluster.datacenter.attach(host, new Capacity(16, 65536));
            cluster.file(ConfigPids.HOST, host, "driver", host.substring(0, 1));
        }
        cluster.file(ConfigPids.RESOURCE, "vma", "cpus", "1", "driver", "a");
        cluster.file(ConfigPids.RESOURCE, "vmb", "cpus", "1", "driver", "b");
        cluster.file(ConfigPids.RESOURCE, "any", "cpus", "1");
        cluster.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "500"));
        cluster.until(() -> cluster.allRunning(List.of("vma", "vmb", "any")), Duration.ofSeconds(10));
        assertEquals("b1", cluster.hostOf("vmb"));
        assertTrue(cluster.hostOf("vma").startsWith("a"), cluster.hostOf("vma"));

        String first = cluster.hostOf("vma");
        cluster.datacenter.crashHost(first);
        cluster.until(() -> cluster.status("vma").activeOn().equals(List.of(first.equals("a1") ? "a2" : "a1")),
                Duration.ofSeconds(20));

        cluster.datacenter.crashHost("b1");
        cluster.until(() -> cluster.manager.snapshot().reason("vmb").contains("banned by vmb:driver (driver ne b)"),
                Duration.ofSeconds(20));
        cluster.holds(() -> cluster.status("vmb").activeOn().isEmpty(), Duration.ofSeconds(3),
                "vmb is not started on a host of driver a");
    }
}
