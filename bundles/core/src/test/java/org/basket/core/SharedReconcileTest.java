package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.basket.api.coordination.Role;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.api.model.Capacity;
import org.basket.core.config.ConfigPids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Host observation shared out among managers ({@link SharedReconcile}), on virtual time, with the share in memory: the
 * follower's sweep asks each host it holds once per reconcile interval and reports a lasting difference from the
 * leader's digest; the leader publishes its digests and leaves the covered hosts' reconciles to the follower; the
 * share can be stopped and started again; and with {@code observation.sharing = false} nothing is shared.
 */
class SharedReconcileTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> HOSTS = List.of("h1", "h2", "h3");
    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private final VirtualCluster cluster = new VirtualCluster();
    private final Map<String, AtomicLong> listings = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        cluster.close();
        assertEquals(List.of(), cluster.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void aFollowerAsksEachHostItHoldsOncePerIntervalAndReportsALastingDifferenceOnce() throws Exception {
        MemoryObservationShare share = start(Role.follower(3, "m2", T), new MemoryObservationShare("m1", false), true);
        HOSTS.forEach(h -> share.leaderBelieves(h, truth(h)));
        cluster.advance(INTERVAL); // one whole sweep behind it
        Map<String, Long> before = listings();
        int sweeps = share.sweeps();
        cluster.advance(INTERVAL.multipliedBy(3));
        HOSTS.forEach(h -> assertEquals(3, listings.get(h).get() - before.get(h), "the sweep asked " + h
                + " once per interval, and its own observer left it to the sweep"));
        assertEquals(3, share.sweeps() - sweeps, "one sweep per interval");
        assertEquals(List.of(), share.reported(), "nothing differs");

        share.leaderBelieves("h2", SharedReconcile.digest("h2", true, Set.of())); // an event the leader lost
        cluster.advance(INTERVAL.multipliedBy(2).plus(Duration.ofSeconds(1)));
        assertEquals(List.of("h2"), share.reported(), "the difference reported once it lasted the grace");
        cluster.advance(Duration.ofSeconds(2));
        assertEquals(List.of("h2"), share.reported(), "at most once per interval");
    }

    @Test
    void theShareStoppedAndStartedAgainOnTheSameManagerSweepsAgain() throws Exception {
        MemoryObservationShare share = start(Role.follower(3, "m2", T), new MemoryObservationShare("m1", false), true);
        HOSTS.forEach(h -> share.leaderBelieves(h, truth(h)));
        cluster.advance(INTERVAL);
        SharedReconcile sharing = cluster.manager.sharing();
        sharing.stop();
        long polls = sharing.counts()[3];
        int sweeps = share.sweeps();
        Map<String, Long> before = listings();
        cluster.advance(INTERVAL.multipliedBy(3));
        assertEquals(polls, sharing.counts()[3], "stopped: no sweep");
        assertEquals(sweeps, share.sweeps());
        HOSTS.forEach(h -> assertTrue(listings.get(h).get() - before.get(h) >= 2, "its own observer reconciles " + h
                + " again once nothing is shared"));

        sharing.start();
        cluster.advance(INTERVAL.multipliedBy(2));
        assertEquals(polls + 7, sharing.counts()[3], "started again: its sweep pool asks a host at once, then one a "
                + "second (each once per interval)");
        assertTrue(share.sweeps() >= sweeps + 2, "and it sweeps: " + share.sweeps());
    }

    @Test
    void withSharingOffAFollowerLeavesItsShareAloneAndReconcilesItsHostsItself() throws Exception {
        MemoryObservationShare share = start(Role.follower(3, "m2", T), new MemoryObservationShare("m1", false), false);
        HOSTS.forEach(h -> share.leaderBelieves(h, SharedReconcile.digest(h, true, Set.of())));
        Map<String, Long> before = listings();
        cluster.advance(INTERVAL.multipliedBy(3));
        assertEquals(0, cluster.manager.sharing().counts()[3], "no sweep");
        assertEquals(0, share.sweeps(), "no sweep told");
        assertEquals(List.of(), share.reported(), "nothing reported although every digest differs");
        HOSTS.forEach(h -> assertTrue(listings.get(h).get() - before.get(h) >= 2, "it reconciles " + h + " itself"));
    }

    @Test
    void aLeaderPublishesItsDigestsAndLeavesCoveredHostsToTheFollowerButOneReconcileInTen() throws Exception {
        MemoryObservationShare share = start(Role.leader(4, T), new MemoryObservationShare("m2", true), true);
        cluster.advance(INTERVAL);
        HOSTS.forEach(h -> assertEquals(truth(h), share.digest(h).orElse(""), "published: what runs on " + h));
        Map<String, Long> before = listings();
        cluster.advance(INTERVAL.multipliedBy(SharedReconcile.OWN_RECONCILE_EVERY));
        HOSTS.forEach(h -> assertEquals(1, listings.get(h).get() - before.get(h), "the leader reconciled " + h
                + " itself once in " + SharedReconcile.OWN_RECONCILE_EVERY + " intervals"));

        long taken = cluster.manager.sharing().counts()[0];
        long h1 = listings.get("h1").get();
        share.news("m2", "h1");
        cluster.advance(Duration.ofSeconds(1));
        assertEquals(taken + 1, cluster.manager.sharing().counts()[0], "the follower's news taken");
        assertEquals(h1 + 1, listings.get("h1").get(), "and h1 polled within the next turn");
    }

    @Test
    void withSharingOffTheLeaderPublishesNothingTakesNoNewsAndReconcilesEveryHostItself() throws Exception {
        MemoryObservationShare share = start(Role.leader(4, T), new MemoryObservationShare("m2", true), false);
        cluster.advance(INTERVAL);
        Map<String, Long> before = listings();
        cluster.advance(INTERVAL.multipliedBy(3));
        assertEquals(0, share.publishes(), "no digest published");
        HOSTS.forEach(h -> assertTrue(listings.get(h).get() - before.get(h) >= 2, "the leader reconciles " + h
                + " every interval"));
        long dropped = cluster.manager.sharing().counts()[1];
        share.news("m2", "h1");
        assertEquals(dropped + 1, cluster.manager.sharing().counts()[1], "a follower's news dropped");

        Map<String, Object> on = new HashMap<>(settings(true)); // switched on while running
        cluster.manager.modified(on);
        cluster.advance(Duration.ofSeconds(1));
        assertTrue(share.publishes() >= 1, "switched on: digests published");
    }

    /** The manager in {@code role} with the share bound, on hosts whose VMs run already, each asked of a counting driver. */
    private MemoryObservationShare start(Role role, MemoryObservationShare share, boolean sharing)
            throws DriverException {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim");
        for (String host : HOSTS) {
            cluster.datacenter.addHost(host, new Capacity(16, 65536));
            cluster.datacenter.start(host, "vm-" + host);
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
            cluster.file(ConfigPids.RESOURCE, "vm-" + host, "cpus", "1", "memory.mb", "512");
        }
        cluster.manager.bindCoordination(new SettableCoordination(role));
        cluster.manager.bindObservationShare(share);
        cluster.manager.bindDriverFactory(counting(cluster.driver));
        cluster.manager.start(settings(sharing));
        cluster.until(() -> HOSTS.stream().allMatch(h -> cluster.status("vm-" + h).activeOn().equals(List.of(h))),
                Duration.ofSeconds(5));
        return share;
    }

    private static Map<String, String> settings(boolean sharing) {
        return Map.of("settle.ms", "0", "observe.interval.ms", "1000", "reconcile.interval.ms",
                Long.toString(INTERVAL.toMillis()), "observation.sharing", Boolean.toString(sharing));
    }

    private static String truth(String host) {
        return SharedReconcile.digest(host, true, Set.of("vm-" + host));
    }

    private Map<String, Long> listings() {
        Map<String, Long> counts = new TreeMap<>();
        HOSTS.forEach(h -> counts.put(h, listings.computeIfAbsent(h, x -> new AtomicLong()).get()));
        return counts;
    }

    /** The simulator's driver, counting the domain listings it is asked for each host. */
    private HypervisorDriverFactory counting(HypervisorDriverFactory sim) {
        return new HypervisorDriverFactory() {
            @Override
            public String type() {
                return sim.type();
            }

            @Override
            public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
                HypervisorDriver driver = sim.open(config, listener);
                return (HypervisorDriver) Proxy.newProxyInstance(HypervisorDriver.class.getClassLoader(),
                        new Class<?>[] {HypervisorDriver.class}, (proxy, method, args) -> {
                            if (method.getName().equals("domains") && args != null && args.length == 1) {
                                listings.computeIfAbsent((String) args[0], h -> new AtomicLong()).incrementAndGet();
                            }
                            try {
                                return method.invoke(driver, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}
