package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.basket.api.cluster.ConfigProblem;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;

/**
 * Whether a turn of the loop builds the observed state and plans, or skips both because nothing a plan is made from
 * changed since the last plan: no news, no change of the observation (Basket's actions, failures, flags, fencing, a
 * poll that found something new, a host's state), the same configuration, settings, site rules, problems, drivers and
 * standing, no change the in-guest agents told or took (their reports are read while the state is built:
 * {@link GuestGateway#changes}), and no timer due (a fail count that expires, a fence back-off that ends, an agent's
 * silence grace that ends). It always plans after a turn that acted, after a binding changed, and at least every
 * {@link #AT_LEAST_EVERY}.
 */
final class QuietTurns {
    /** A full turn at least this often, whatever the inputs say. */
    static final Duration AT_LEAST_EVERY = Duration.ofSeconds(10);

    /**
     * What a plan is made from, as far as it can be told without building the state: counters of news and changes,
     * the configuration {@code stored} as built (the same object while unchanged), the settings object, and the
     * configuration within the sites' rules ({@code sited}: the rules read the grants at each turn), and
     * {@code guests}: {@link GuestGateway#changes}.
     */
    record Inputs(long news, long observed, long hosts, Object stored, Object settings, ClusterConfig sited,
                  List<ConfigProblem> problems, Map<String, String> drivers, Leadership.Standing standing,
                  boolean clusterMaintenance, long guests) {
        boolean same(Inputs other) {
            return news == other.news && observed == other.observed && hosts == other.hosts && stored == other.stored
                    && settings == other.settings && (sited == other.sited || sited.equals(other.sited))
                    && problems.equals(other.problems)
                    && drivers.equals(other.drivers) && standing.equals(other.standing)
                    && clusterMaintenance == other.clusterMaintenance && guests == other.guests;
        }
    }

    private final AtomicLong bindings = new AtomicLong();
    private Inputs last;
    private long bindingsAtLast;
    private Instant lastPlan = Instant.MIN;
    private Instant timerDue;
    private boolean acted;
    private long skipped;

    /** A service the turn uses was bound or unbound (drivers, fence devices, agents): the next turn plans. */
    void bindingChanged() {
        bindings.incrementAndGet();
    }

    /** Whether this turn builds the state and plans. */
    synchronized boolean plans(Inputs inputs, Instant now) {
        boolean plans = last == null || acted || !inputs.same(last) || bindings.get() != bindingsAtLast
                || timerDue != null && !now.isBefore(timerDue) || !now.isBefore(lastPlan.plus(AT_LEAST_EVERY));
        if (!plans) {
            skipped++;
        }
        return plans;
    }

    /**
     * The turn planned from {@code inputs} (read before its state was built), with {@code config} and {@code state}, and
     * acts on its plan or not; {@code agentsDue}: when an agent's silence may next call for an alert or a reset, or null.
     */
    synchronized void planned(Inputs inputs, long bindingsBefore, ClusterConfig config, ClusterState state, Instant now,
                              Optional<Duration> fenceBackoff, Instant agentsDue, boolean acts) {
        last = inputs;
        bindingsAtLast = bindingsBefore;
        lastPlan = now;
        acted = acts;
        Instant expiry = nextExpiry(config, state, now);
        timerDue = earliest(earliest(expiry, fenceBackoff.map(now::plus).orElse(null)), agentsDue);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b != null && b.isBefore(a) ? b : a;
    }

    long bindings() {
        return bindings.get();
    }

    /** Turns that did not plan since the manager started. */
    synchronized long skipped() {
        return skipped;
    }

    /** When the next fail count expires by its resource's failure timeout after {@code now}, or null. */
    static Instant nextExpiry(ClusterConfig config, ClusterState state, Instant now) {
        Instant next = null;
        for (ResourceStatus status : state.resources().values()) {
            Resource resource = config.resources().get(status.name());
            if (status.failCounts().isEmpty() || resource == null || !resource.hasFailureTimeout()) {
                continue;
            }
            for (Instant failed : status.lastFailures().values()) {
                Instant at = failed.plus(resource.failureTimeout());
                if (at.isAfter(now) && (next == null || at.isBefore(next))) {
                    next = at;
                }
            }
        }
        return next;
    }
}
