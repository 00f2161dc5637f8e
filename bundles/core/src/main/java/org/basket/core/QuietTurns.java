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
 * standing, and no timer due (a fail count that expires, a fence back-off that ends). It always plans after a turn
 * that acted, while in-guest services are configured (their agents' reports are read while the state is built), after
 * a binding changed, and at least every {@link #AT_LEAST_EVERY}.
 */
final class QuietTurns {
    /** A full turn at least this often, whatever the inputs say. */
    static final Duration AT_LEAST_EVERY = Duration.ofSeconds(10);

    /**
     * What a plan is made from, as far as it can be told without building the state: counters of news and changes,
     * the configuration {@code stored} as built (the same object while unchanged), the settings object, and the
     * configuration within the sites' rules ({@code sited}: the rules read the grants at each turn).
     */
    record Inputs(long news, long observed, long hosts, Object stored, Object settings, ClusterConfig sited,
                  List<ConfigProblem> problems, Map<String, String> drivers, Leadership.Standing standing,
                  boolean clusterMaintenance, boolean guestServices) {
        boolean same(Inputs other) {
            return news == other.news && observed == other.observed && hosts == other.hosts && stored == other.stored
                    && settings == other.settings && (sited == other.sited || sited.equals(other.sited))
                    && problems.equals(other.problems)
                    && drivers.equals(other.drivers) && standing.equals(other.standing)
                    && clusterMaintenance == other.clusterMaintenance && !guestServices;
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
     * acts on its plan or not.
     */
    synchronized void planned(Inputs inputs, long bindingsBefore, ClusterConfig config, ClusterState state, Instant now,
                              Optional<Duration> fenceBackoff, boolean acts) {
        last = inputs;
        bindingsAtLast = bindingsBefore;
        lastPlan = now;
        acted = acts;
        Instant expiry = nextExpiry(config, state, now);
        Instant backoffEnds = fenceBackoff.map(now::plus).orElse(null);
        timerDue = expiry == null || backoffEnds != null && backoffEnds.isBefore(expiry) ? backoffEnds : expiry;
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
