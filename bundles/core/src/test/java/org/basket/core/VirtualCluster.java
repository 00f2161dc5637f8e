package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.model.ResourceStatus;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.testsupport.ConfigFiles;

/**
 * The manager on {@link VirtualTime} against the simulated hypervisor, for tests that move time
 * themselves: {@link #until} instead of waiting on the wall clock, so that a test takes what the engine
 * computes, not what the timeouts say, and never depends on the machine's speed.
 */
final class VirtualCluster implements AutoCloseable {
    /** How far {@link #until} moves time between two looks at its condition. */
    static final Duration STEP = Duration.ofMillis(10);
    final VirtualTime time = new VirtualTime(Instant.parse("2026-01-01T00:00:00Z"));
    final SimulatedDatacenter datacenter;
    final SimDriverFactory driver;
    final ClusterManager manager = new ClusterManager(time);

    /** With a simulated world of its own, on this cluster's time. */
    VirtualCluster() {
        this(null);
    }

    /**
     * On {@code world}, another cluster's, as a manager restarted on the same hypervisors; that world's
     * calls must take no time (latency and migration 0), since its sleeper is the other cluster's time.
     */
    VirtualCluster(SimulatedDatacenter world) {
        datacenter = world == null ? new SimulatedDatacenter(time) : world;
        driver = new SimDriverFactory(datacenter);
    }

    /** A definition file, as the configuration folder would read it. */
    VirtualCluster file(String factoryPid, String name, String... keyValues) {
        ConfigFiles.put(manager.store()::update, factoryPid, name, keyValues);
        return this;
    }

    /** Binds the simulator and starts the manager with these settings. */
    VirtualCluster start(Map<String, ?> settings) {
        manager.bindDriverFactory(driver);
        manager.start(settings);
        return this;
    }

    void advance(Duration duration) {
        time.advance(duration);
    }

    /** Moves time on until the condition holds; fails when it does not within {@code limit} of virtual time. */
    void until(BooleanSupplier condition, Duration limit) {
        Duration waited = Duration.ZERO;
        while (!condition.getAsBoolean()) {
            if (waited.compareTo(limit) >= 0) {
                throw new AssertionError("not within " + limit.toMillis() + " ms of virtual time; recent events:\n  "
                        + String.join("\n  ", manager.events(30).stream().map(Object::toString).toList()));
            }
            time.advance(STEP);
            waited = waited.plus(STEP);
        }
    }

    /** Moves time on for {@code duration}, the condition holding at every step. */
    void holds(BooleanSupplier condition, Duration duration, String what) {
        for (Duration waited = Duration.ZERO; waited.compareTo(duration) < 0; waited = waited.plus(STEP)) {
            if (!condition.getAsBoolean()) {
                throw new AssertionError(what + ": no longer so after " + waited.toMillis() + " ms of virtual time");
            }
            time.advance(STEP);
        }
    }

    ResourceStatus status(String resource) {
        return manager.snapshot().state().resource(resource);
    }

    String hostOf(String resource) {
        return status(resource).activeOn().get(0);
    }

    boolean allRunning(List<String> resources) {
        return resources.stream().allMatch(r -> status(r).activeOn().size() == 1);
    }

    /** The sequence number of the first event after {@code after} that matches ({@link EventMatch}), or -1. */
    long sequenceAfter(long after, Predicate<ClusterEvent> match) {
        return EventMatch.first(manager.events(2000), match.and(e -> e.sequence() > after));
    }

    long sequenceOf(Predicate<ClusterEvent> match) {
        return sequenceAfter(0, match);
    }

    long lastSequence() {
        return manager.events(1).get(0).sequence();
    }

    String recent() {
        return manager.events(30).toString();
    }

    @Override
    public void close() {
        time.stop();
        manager.stop();
    }
}
