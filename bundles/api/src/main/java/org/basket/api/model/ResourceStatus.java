package org.basket.api.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Observed state of one resource.
 *
 * @param name       the resource
 * @param activeOn   hosts where it is active, sorted; more than one is a violation the scheduler resolves
 * @param failedOn   a host where it failed and was not yet recovered, or empty
 * @param failCounts failures per host since they were last cleared
 * @param maintenance whether the operator put it in maintenance: observed, never acted on
 */
public record ResourceStatus(String name, List<String> activeOn, String failedOn, Map<String, Integer> failCounts,
                             boolean maintenance) {
    public ResourceStatus {
        Objects.requireNonNull(name, "name");
        activeOn = activeOn.stream().sorted().distinct().toList();
        failedOn = failedOn == null ? "" : failedOn;
        failCounts = Collections.unmodifiableMap(new TreeMap<>(failCounts));
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

    public int failCount(String host) {
        return failCounts.getOrDefault(host, 0);
    }
}
