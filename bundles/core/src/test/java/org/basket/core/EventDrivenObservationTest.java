package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.basket.api.model.Capacity;
import org.basket.api.model.HostState;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.SimulatedDatacenter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hosts whose driver reports every change as an event (the simulator) are asked what they run after news about them
 * and at their reconcile times, not at every turn: a VM crash is recovered from its event at once, while a host that
 * would not answer a poll goes unnoticed until its reconcile (a real driver also reports a lost host by an event).
 */
class EventDrivenObservationTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");
    private static final Duration RECONCILE = Duration.ofSeconds(20);
    private final VirtualCluster cluster = new VirtualCluster();

    @AfterEach
    void stop() {
        cluster.datacenter.clearFaults();
        cluster.close();
        assertEquals(List.of(), cluster.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void aCrashIsRecoveredFromItsEventAndEachHostIsPolledOnlyAtItsReconcile() {
        start(RECONCILE.toMillis());
        String host = cluster.hostOf("vm1");
        cluster.datacenter.crashDomain("vm1");
        cluster.until(() -> cluster.datacenter.boots("vm1") == 2 && cluster.status("vm1").activeOn().size() == 1,
                Duration.ofSeconds(2));

        cluster.datacenter.hang(Operation.MONITOR, SimulatedDatacenter.ANY_TARGET); // a poll would now never answer
        Duration first = HOSTS.stream().map(h -> Observer.reconcilePhase(h, RECONCILE)).min(Comparator.naturalOrder())
                .orElseThrow();
        Duration last = HOSTS.stream().map(h -> Observer.reconcilePhase(h, RECONCILE)).max(Comparator.naturalOrder())
                .orElseThrow();
        Duration elapsed = Duration.ofNanos(cluster.time.nanoTime());
        cluster.holds(() -> HOSTS.stream().allMatch(h -> state(h) == HostState.ONLINE),
                first.minus(elapsed).minusMillis(200), "no host is polled before its first reconcile");
        cluster.until(() -> HOSTS.stream().allMatch(h -> state(h) != HostState.ONLINE),
                last.minus(first).plus(Duration.ofSeconds(3)));
        assertEquals(List.of(host), List.of(cluster.hostOf("vm1")), "vm1 was restarted where it ran, not moved");
    }

    @Test
    void withReconcileZeroEveryHostIsPolledAtEveryTurn() {
        start(0);
        cluster.datacenter.hang(Operation.MONITOR, SimulatedDatacenter.ANY_TARGET);
        cluster.until(() -> HOSTS.stream().allMatch(h -> state(h) != HostState.ONLINE), Duration.ofMillis(1500));
    }

    private void start(long reconcileMs) {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim");
        for (String host : HOSTS) {
            cluster.datacenter.addHost(host, new Capacity(16, 65536));
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        for (int i = 1; i <= 6; i++) {
            cluster.file(ConfigPids.RESOURCE, "vm" + i, "cpus", "1", "memory.mb", "512");
        }
        cluster.start(Map.of("settle.ms", "0", "observe.interval.ms", "100", "poll.timeout.ms", "1000",
                "host.dead.timeout.ms", "60000", "reconcile.interval.ms", Long.toString(reconcileMs)));
        cluster.until(() -> cluster.allRunning(List.of("vm1", "vm2", "vm3", "vm4", "vm5", "vm6")),
                Duration.ofSeconds(5));
    }

    private HostState state(String host) {
        return cluster.manager.snapshot().state().hosts().get(host).state();
    }
}
