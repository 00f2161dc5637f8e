package org.basket.scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;

/** Test fixture: a fluent builder of a configuration and an observed state. */
final class Cluster {
    static final Capacity HOST_SIZE = new Capacity(16, 64 * 1024);
    static final Capacity VM_SIZE = new Capacity(2, 4 * 1024);

    private final List<Host> hosts = new ArrayList<>();
    private final List<HostStatus> hostStatuses = new ArrayList<>();
    private final List<Resource> resources = new ArrayList<>();
    private final Map<String, ResourceStatus> statuses = new LinkedHashMap<>();
    private final List<Constraint> constraints = new ArrayList<>();

    static Cluster cluster() {
        return new Cluster();
    }

    Cluster hosts(String... names) {
        for (String name : names) {
            host(name, HostState.ONLINE);
        }
        return this;
    }

    Cluster host(String name, HostState state) {
        return host(name, "kvm", state, HOST_SIZE);
    }

    Cluster host(String name, HostState state, Capacity capacity) {
        return host(name, "kvm", state, capacity);
    }

    Cluster host(String name, String driver, HostState state, Capacity capacity) {
        hosts.add(new Host(name, driver, name, Map.of()));
        hostStatuses.add(new HostStatus(name, state, capacity));
        return this;
    }

    /** A host the drivers report but the configuration no longer names. */
    Cluster unconfiguredHost(String name, HostState state) {
        hostStatuses.add(new HostStatus(name, state, HOST_SIZE));
        return this;
    }

    Cluster vms(String... names) {
        for (String name : names) {
            resource(Resource.vm(name, VM_SIZE));
        }
        return this;
    }

    Cluster vm(String name, Capacity demand) {
        return resource(Resource.vm(name, demand));
    }

    Cluster guestService(String name, String vm) {
        return resource(new Resource(name, ResourceKind.GUEST_SERVICE, name, Capacity.NONE, false, 0, true, vm, 3));
    }

    Cluster resource(Resource resource) {
        resources.add(resource);
        return this;
    }

    Cluster running(String resource, String... hosts) {
        return status(new ResourceStatus(resource, List.of(hosts), "", Map.of()));
    }

    Cluster failed(String resource, String host, int failCount) {
        return status(new ResourceStatus(resource, List.of(), host, Map.of(host, failCount)));
    }

    Cluster status(ResourceStatus status) {
        statuses.put(status.name(), status);
        return this;
    }

    Cluster location(String resource, String host, int score) {
        return constraint(new Constraint.Location(resource + "@" + host + "=" + Score.format(score), resource, host, score));
    }

    Cluster colocation(String resource, String with, int score) {
        return constraint(new Constraint.Colocation(resource + "-with-" + with + "=" + Score.format(score), resource, with,
                score));
    }

    Cluster antiAffinity(String resource, String with) {
        return colocation(resource, with, Score.MINUS_INFINITY);
    }

    Cluster order(String first, String then) {
        return constraint(new Constraint.Order(first + "-before-" + then, first, then, true));
    }

    Cluster optionalOrder(String first, String then) {
        return constraint(new Constraint.Order(first + "-before-" + then, first, then, false));
    }

    Cluster constraint(Constraint constraint) {
        constraints.add(constraint);
        return this;
    }

    ClusterConfig config() {
        return ClusterConfig.of(hosts, resources, constraints);
    }

    ClusterState state() {
        return ClusterState.of(hostStatuses, statuses.values());
    }

    /** The same cluster, every list built in reverse order. */
    Cluster reversed() {
        Cluster copy = new Cluster();
        copy.hosts.addAll(reverse(hosts));
        copy.hostStatuses.addAll(reverse(hostStatuses));
        copy.resources.addAll(reverse(resources));
        reverse(statuses.values()).forEach(s -> copy.statuses.put(s.name(), s));
        copy.constraints.addAll(reverse(constraints));
        return copy;
    }

    Plan plan() {
        return plan(Scheduler.DEFAULT_STICKINESS);
    }

    Plan plan(int stickiness) {
        Plan plan = new Scheduler(stickiness).plan(config(), state());
        Lines.assertConsistent(plan.transition());
        return plan;
    }

    private static <T> List<T> reverse(java.util.Collection<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.reverse(copy);
        return copy;
    }
}
