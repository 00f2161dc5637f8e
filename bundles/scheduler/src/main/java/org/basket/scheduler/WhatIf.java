package org.basket.scheduler;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Transition;

/** Hypothetical edits of an observed state for the analyses, and the checks of the names they are given. */
final class WhatIf {
    private WhatIf() {
    }

    static void requireHost(ClusterConfig config, String host) {
        requireKnown("host", host, config.hosts().keySet());
    }

    static void requireResource(ClusterConfig config, String resource) {
        requireKnown("resource", resource, config.resources().keySet());
    }

    /** The same message as the manager's for an unknown name. */
    static void requireKnown(String kind, String name, Collection<String> known) {
        if (name == null || !known.contains(name)) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "' (configured: "
                    + String.join(", ", known) + ")");
        }
    }

    /** The state with {@code host} in {@code to}; its capacity and whether it was probed are kept. */
    static ClusterState hostIn(ClusterState state, String host, HostState to, String reason) {
        SortedMap<String, HostStatus> hosts = new TreeMap<>(state.hosts());
        HostStatus old = hosts.get(host);
        hosts.put(host, new HostStatus(host, to, old == null ? Capacity.NONE : old.capacity(), reason,
                old == null || old.probed()));
        return new ClusterState(hosts, state.resources());
    }

    /** The state with every host of {@code failed} lost unclean. */
    static ClusterState hostsFailed(ClusterState state, Collection<String> failed) {
        ClusterState result = state;
        for (String host : failed) {
            result = hostIn(result, host, HostState.UNCLEAN, "hypothetical failure");
        }
        return result;
    }

    /** The state in which {@code resource} failed on the first host it runs on: stopped there, one more failure. */
    /** The resource failed where it runs (one more failure there); the guest services inside it stopped with it. */
    static ClusterState resourceFailed(ClusterConfig config, ClusterState state, String resource) {
        ResourceStatus old = state.resource(resource);
        String host = old.activeOn().get(0);
        Map<String, Integer> counts = new TreeMap<>(old.failCounts());
        counts.merge(host, 1, Integer::sum);
        SortedMap<String, ResourceStatus> resources = new TreeMap<>(state.resources());
        resources.put(resource, new ResourceStatus(resource, old.activeOn().subList(1, old.activeOn().size()), host,
                counts, old.maintenance(), old.lastFailures()));
        for (Resource service : config.resources().values()) {
            ResourceStatus inside = state.resource(service.name());
            if (service.hasContainer() && service.container().equals(resource) && inside.activeOn().contains(host)) {
                List<String> elsewhere = inside.activeOn().stream().filter(h -> !h.equals(host)).toList();
                resources.put(service.name(), new ResourceStatus(service.name(), elsewhere, inside.failedOn(),
                        inside.failCounts(), inside.maintenance(), inside.lastFailures()));
            }
        }
        return new ClusterState(state.hosts(), resources);
    }

    /** The scheduler's notes about a resource, without the leading {@code "name: "}. */
    static List<String> notesAbout(Transition transition, String resource) {
        String prefix = resource + ": ";
        return transition.notes().stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length()))
                .toList();
    }
}
