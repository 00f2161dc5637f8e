package org.basket.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.ConfigProblem;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Host;
import org.basket.api.model.HostCondition;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Action;
import org.basket.api.plan.Transition;

/** Test fixture: a fluent builder of a cluster snapshot. Hosts use the driver {@code sim} unless told. */
final class SnapshotBuilder {
    private final List<Host> hosts = new ArrayList<>();
    private final List<HostStatus> hostStatuses = new ArrayList<>();
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<String, TreeSet<String>> activeOn = new TreeMap<>();
    private final Map<String, String> failedOn = new TreeMap<>();
    private final Map<String, Map<String, Integer>> failCounts = new TreeMap<>();
    private final Map<String, String> blockedOn = new TreeMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, String> drivers = new LinkedHashMap<>();
    private final List<Action> inFlight = new ArrayList<>();
    private final Map<String, String> reasons = new TreeMap<>();
    private String manager = ClusterSnapshot.ALONE;

    static SnapshotBuilder snapshot() {
        return new SnapshotBuilder();
    }

    SnapshotBuilder host(String name, HostState state, int cpus, long memoryMb) {
        return host(name, "sim", state, new Capacity(cpus, memoryMb), "");
    }

    SnapshotBuilder host(String name, String driver, HostState state, Capacity capacity, String reason) {
        hosts.add(new Host(name, driver, name, Map.of()));
        hostStatuses.add(new HostStatus(name, state, capacity, reason));
        return this;
    }

    /** A condition the host's driver reports of it. */
    SnapshotBuilder condition(String host, String kind, String message) {
        for (int i = 0; i < hostStatuses.size(); i++) {
            HostStatus h = hostStatuses.get(i);
            if (h.name().equals(host)) {
                List<HostCondition> conditions = new ArrayList<>(h.conditions());
                conditions.add(new HostCondition(kind, message));
                hostStatuses.set(i, new HostStatus(h.name(), h.state(), h.capacity(), h.reason(), h.probed(), conditions));
            }
        }
        return this;
    }

    /** A host the observed state reports but the configuration does not name. */
    SnapshotBuilder unconfiguredHost(String name, HostState state, int cpus, long memoryMb) {
        hostStatuses.add(new HostStatus(name, state, new Capacity(cpus, memoryMb)));
        return this;
    }

    SnapshotBuilder vm(String name, int cpus, long memoryMb) {
        return resource(Resource.vm(name, new Capacity(cpus, memoryMb)));
    }

    SnapshotBuilder resource(Resource resource) {
        resources.put(resource.name(), resource);
        return this;
    }

    SnapshotBuilder disabled(String resource) {
        resources.computeIfPresent(resource, (n, r) -> r.withEnabled(false));
        return this;
    }

    /** Observed active on these hosts. */
    SnapshotBuilder running(String resource, String... hosts) {
        activeOn.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(List.of(hosts));
        return this;
    }

    SnapshotBuilder failed(String resource, String host) {
        failedOn.put(resource, host);
        return failCount(resource, host, Math.max(1, failCounts.getOrDefault(resource, Map.of()).getOrDefault(host, 0)));
    }

    /** Its stop failed on the host and no fence can clear it. */
    SnapshotBuilder blocked(String resource, String host) {
        blockedOn.put(resource, host);
        return this;
    }

    SnapshotBuilder failCount(String resource, String host, int count) {
        failCounts.computeIfAbsent(resource, r -> new TreeMap<>()).put(host, count);
        return this;
    }

    SnapshotBuilder problem(String source, String key, String reason) {
        problems.add(new ConfigProblem(source, key, reason));
        return this;
    }

    SnapshotBuilder driver(String name, String status) {
        drivers.put(name, status);
        return this;
    }

    SnapshotBuilder inFlight(Action... actions) {
        inFlight.addAll(List.of(actions));
        return this;
    }

    /** What the manager says of its standing among several managers. */
    SnapshotBuilder manager(String standing) {
        manager = standing;
        return this;
    }

    /** Why the last plan leaves the resource where it is. */
    SnapshotBuilder reason(String resource, String reason) {
        reasons.put(resource, reason);
        return this;
    }

    ClusterSnapshot build() {
        ClusterConfig config = ClusterConfig.of(hosts, resources.values(), List.of());
        List<ResourceStatus> statuses = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(resources.keySet());
        names.addAll(activeOn.keySet());
        for (String name : names) {
            statuses.add(new ResourceStatus(name, List.copyOf(activeOn.getOrDefault(name, new TreeSet<>())),
                    failedOn.get(name), failCounts.getOrDefault(name, Map.of()), false, Map.of(), blockedOn.get(name)));
        }
        return new ClusterSnapshot(config, ClusterState.of(hostStatuses, statuses), problems, drivers,
                new Transition(inFlight, List.of(), List.of()), reasons, manager);
    }

    FakeClusterService service() {
        return new FakeClusterService(build());
    }
}
