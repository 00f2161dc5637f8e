package org.basket.api.model;

import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;

/** The observed state: every host and every resource Basket knows of. */
public record ClusterState(SortedMap<String, HostStatus> hosts, SortedMap<String, ResourceStatus> resources) {
    public static final ClusterState EMPTY = new ClusterState(new TreeMap<>(), new TreeMap<>());

    public ClusterState {
        hosts = ClusterConfig.byName(hosts);
        resources = ClusterConfig.byName(resources);
    }

    public static ClusterState of(Collection<HostStatus> hosts, Collection<ResourceStatus> resources) {
        SortedMap<String, HostStatus> h = new TreeMap<>();
        hosts.forEach(x -> h.put(x.name(), x));
        SortedMap<String, ResourceStatus> r = new TreeMap<>();
        resources.forEach(x -> r.put(x.name(), x));
        return new ClusterState(h, r);
    }

    public HostState hostState(String host) {
        HostStatus status = hosts.get(host);
        return status == null ? HostState.OFFLINE : status.state();
    }

    public ResourceStatus resource(String name) {
        return resources.getOrDefault(name, ResourceStatus.stopped(name));
    }
}
