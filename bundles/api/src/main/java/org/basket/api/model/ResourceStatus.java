package org.basket.api.model;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Observed state of one resource.
 *
 * @param name       the resource
 * @param activeOn   hosts where it is active, sorted; more than one is a violation the scheduler resolves
 * @param failedOn   a host where it failed and was not yet recovered, or empty
 * @param failCounts failures per host since they were last cleared
 * @param maintenance whether the operator put it in maintenance: observed, never acted on
 * @param lastFailures when it last failed on each host, where known
 * @param blockedOn  a host where its stop failed and no fence can clear it, or empty: it counts as active there and
 *                   nothing is done with it (nor with what must stop after it) until the operator cleans it up
 */
public record ResourceStatus(String name, List<String> activeOn, String failedOn, Map<String, Integer> failCounts,
                             boolean maintenance, Map<String, Instant> lastFailures, String blockedOn) {
    public ResourceStatus {
        Objects.requireNonNull(name, "name");
        activeOn = activeOn.stream().sorted().distinct().toList();
        failedOn = failedOn == null ? "" : failedOn;
        failCounts = Collections.unmodifiableMap(new TreeMap<>(failCounts));
        lastFailures = lastFailures == null || lastFailures.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(lastFailures));
        blockedOn = blockedOn == null ? "" : blockedOn;
    }

    /** A status that is not blocked. */
    public ResourceStatus(String name, List<String> activeOn, String failedOn, Map<String, Integer> failCounts,
                          boolean maintenance, Map<String, Instant> lastFailures) {
        this(name, activeOn, failedOn, failCounts, maintenance, lastFailures, "");
    }

    /** A status without failure times: its fail counts never expire. */
    public ResourceStatus(String name, List<String> activeOn, String failedOn, Map<String, Integer> failCounts,
                          boolean maintenance) {
        this(name, activeOn, failedOn, failCounts, maintenance, Map.of());
    }

    public ResourceStatus(String name, List<String> activeOn, String failedOn, Map<String, Integer> failCounts) {
        this(name, activeOn, failedOn, failCounts, false);
    }

    public static ResourceStatus stopped(String name) {
        return new ResourceStatus(name, List.of(), "", Map.of());
    }

    public static ResourceStatus runningOn(String name, String host) {
        return new ResourceStatus(name, List.of(host), "", Map.of());
    }

    public boolean isActive() {
        return !activeOn.isEmpty();
    }

    /** Whether a stop failed where no fence can clear it: see {@link #blockedOn}. */
    public boolean isBlocked() {
        return !blockedOn.isEmpty();
    }

    public int failCount(String host) {
        return failCounts.getOrDefault(host, 0);
    }

    /** When it last failed on the host, if known. */
    public Optional<Instant> lastFailure(String host) {
        return Optional.ofNullable(lastFailures.get(host));
    }

    /** The same status without the fail counts (and failure times) of the given hosts. */
    public ResourceStatus withoutFailures(Collection<String> hosts) {
        Map<String, Integer> counts = new TreeMap<>(failCounts);
        Map<String, Instant> times = new TreeMap<>(lastFailures);
        counts.keySet().removeAll(hosts);
        times.keySet().removeAll(hosts);
        return new ResourceStatus(name, activeOn, failedOn, counts, maintenance, times, blockedOn);
    }
}
