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
import org.basket.driver.sim.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The periodic reconcile poll of a host whose driver reports changes runs outside the loop's turn: a slow or hung one
 * does not delay the turns, its answer is only news about its host (the host is then polled within a turn), and an
 * answer older than what happened meanwhile never overwrites it.
 */
class ReconcileOutsideTheTurnTest {
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");
    private static final List<String> VMS = List.of("vm1", "vm2", "vm3", "vm4", "vm5", "vm6");
    private final VirtualCluster cluster = new VirtualCluster();
    private final LaggingSim driver = new LaggingSim(cluster.driver, cluster.time);

    @AfterEach
    void stop() {
        cluster.datacenter.clearFaults();
        cluster.close();
        assertEquals(List.of(), cluster.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void aHungReconcilePollHoldsNoTurnAndItsHostBecomesSuspect() {
        start(Duration.ofSeconds(2));
        String quiet = cluster.hostOf("vm1");
        String crashes = HOSTS.stream().filter(h -> !h.equals(quiet)).findFirst().orElseThrow();
        String vm = VMS.stream().filter(v -> cluster.hostOf(v).equals(crashes)).findFirst().orElseThrow();
        cluster.datacenter.hang(Operation.MONITOR, quiet);
        cluster.until(() -> cluster.manager.observer().reconcilesInFlight() > 0, Duration.ofSeconds(3));

        long before = cluster.lastSequence();
        cluster.datacenter.crashDomain(vm);
        cluster.until(() -> cluster.sequenceAfter(before, EventMatch.done("start " + vm + " on " + crashes)) > 0,
                Duration.ofMillis(500));
        assertEquals(HostState.ONLINE, state(quiet), "its reconcile poll still hangs, within the poll timeout");

        cluster.until(() -> state(quiet) == HostState.SUSPECT, Duration.ofSeconds(5));
    }

    @Test
    void anAnswerReadBeforeAMigrationToItsHostIsNotTakenAsWhatRunsThere() {
        start(Duration.ofSeconds(2), Duration.ofSeconds(5)); // the late answer comes within the poll timeout
        String from = cluster.hostOf("vm1");
        String to = HOSTS.stream().filter(h -> !h.equals(from)).findFirst().orElseThrow();
        HOSTS.stream().filter(h -> !h.equals(from) && !h.equals(to)).forEach(h -> cluster.manager.setStandby(h, true));
        cluster.until(() -> VMS.stream().noneMatch(v -> cluster.status(v).activeOn().stream()
                .anyMatch(h -> !h.equals(from) && !h.equals(to))) && cluster.manager.isIdle(), Duration.ofSeconds(10));
        long boots = cluster.datacenter.boots("vm1");

        int listed = driver.listings(to);
        driver.lagNextListing(to, Duration.ofSeconds(3)); // the next listing of 'to' is its reconcile: without vm1
        cluster.until(() -> driver.listings(to) > listed, Duration.ofSeconds(3));
        assertEquals(1, cluster.manager.observer().reconcilesInFlight(), "the reconcile poll of " + to + " is in flight");
        long before = cluster.lastSequence();
        cluster.manager.setStandby(from, true);
        cluster.until(() -> allOn(to) && cluster.manager.isIdle(), Duration.ofSeconds(2));
        assertEquals(1, cluster.manager.observer().reconcilesInFlight(), "its answer, older than the migration, is late");

        cluster.holds(() -> allOn(to), Duration.ofSeconds(4), "every VM runs on " + to + " only, as Basket observed "
                + "after migrating them there");
        assertEquals(0, cluster.manager.observer().reconcilesInFlight());
        assertEquals(boots, cluster.datacenter.boots("vm1"), "vm1 was never started again");
        assertEquals(-1, cluster.sequenceAfter(before, e -> e.kind() == EventKind.ACTION_DONE
                && e.action().startsWith("start")), "nothing was started again: " + cluster.recent());
    }

    private boolean allOn(String host) {
        return VMS.stream().allMatch(v -> cluster.status(v).activeOn().equals(List.of(host)));
    }

    @Test
    void aChangeWhoseEventWasLostIsFoundByTheReconcileAndRecovered() {
        Duration reconcile = Duration.ofSeconds(4);
        start(reconcile);
        String host = cluster.hostOf("vm2");
        driver.loseEvents(host, true);
        cluster.datacenter.crashDomain("vm2");
        cluster.until(() -> cluster.datacenter.boots("vm2") == 2, reconcile.plusSeconds(1));
        cluster.until(() -> cluster.status("vm2").activeOn().equals(List.of(host)), Duration.ofSeconds(1));
        assertTrue(cluster.sequenceOf(e -> e.kind() == EventKind.RESOURCE_FAILED && e.resource().equals("vm2")) > 0,
                "the reconcile's news made the host be polled within a turn, which saw vm2 gone: " + cluster.recent());
    }

    @Test
    void hostsDueBeyondTheLimitWaitTheirTurnAndAreAllReconciledWithinTheInterval() {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim");
        List<String> hosts = java.util.stream.IntStream.rangeClosed(1, 60).mapToObj(i -> "r" + i).toList();
        for (String host : hosts) {
            cluster.datacenter.addHost(host, new Capacity(16, 65536));
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        cluster.manager.bindDriverFactory(driver);
        cluster.manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "100", "poll.threads", "2",
                "reconcile.interval.ms", "2000")); // one reconcile poll at a time, 30 hosts due a second
        cluster.until(() -> hosts.stream().allMatch(h -> driver.listings(h) >= 1), Duration.ofSeconds(5));
        Map<String, Integer> before = new java.util.HashMap<>();
        hosts.forEach(h -> before.put(h, driver.listings(h)));
        cluster.advance(Duration.ofMillis(2500));
        assertEquals(List.of(), hosts.stream().filter(h -> driver.listings(h) <= before.get(h)).toList(),
                "hosts not reconciled within one interval");
    }

    private void start(Duration reconcile) {
        start(reconcile, Duration.ofSeconds(1));
    }

    private void start(Duration reconcile, Duration pollTimeout) {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim");
        for (String host : HOSTS) {
            cluster.datacenter.addHost(host, new Capacity(16, 65536));
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        for (String vm : VMS) {
            cluster.file(ConfigPids.RESOURCE, vm, "cpus", "1", "memory.mb", "512");
        }
        cluster.manager.bindDriverFactory(driver);
        cluster.manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "100", "poll.timeout.ms", Long.toString(pollTimeout.toMillis()),
                "host.dead.timeout.ms", "60000", "reconcile.interval.ms", Long.toString(reconcile.toMillis())));
        cluster.until(() -> cluster.allRunning(VMS), Duration.ofSeconds(5));
    }

    private HostState state(String host) {
        return cluster.manager.snapshot().state().hosts().get(host).state();
    }
}
