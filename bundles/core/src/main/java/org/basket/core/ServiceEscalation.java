package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.basket.api.cluster.EventKind;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;

/**
 * Escalation of a guest service that keeps failing. Below its migration threshold it is restarted
 * in place (the scheduler's rule). At the threshold its VM is restarted: the VM is planned as
 * disabled until it has stopped, then starts again with its services. When the threshold is reached
 * again within the service's failure timeout (or at any later time without one) after that restart, the VM
 * is moved: it gets as many failures on its host as its own threshold allows, so the scheduler
 * moves it elsewhere, live where it can.
 */
final class ServiceEscalation {
    private final Observer observer;
    private final EventLog events;
    /** VMs being restarted for a service, until seen stopped on that host. */
    private final Map<String, String> restarting = new HashMap<>();
    /** Of those, the VMs reset because their agent is silent: their services cannot be stopped first. */
    private final Set<String> resetting = new HashSet<>();
    /** The last escalation restart of each VM, by VM. */
    private final Map<String, Instant> restarted = new HashMap<>();

    ServiceEscalation(Observer observer, EventLog events) {
        this.observer = observer;
        this.events = events;
    }

    /** The configuration to plan with: {@code config}, with each VM being restarted disabled. */
    ClusterConfig apply(ClusterConfig config, ClusterState state, Instant now) {
        restarting.entrySet().removeIf(e -> !state.resource(e.getKey()).activeOn().contains(e.getValue()));
        resetting.retainAll(restarting.keySet());
        for (Resource service : config.resources().values()) {
            if (service.hasContainer() && config.resources().containsKey(service.container())) {
                escalate(service, config.resources().get(service.container()), state, now);
            }
        }
        if (restarting.isEmpty()) {
            return config;
        }
        SortedMap<String, Resource> resources = new TreeMap<>(config.resources());
        restarting.keySet().forEach(vm -> resources.computeIfPresent(vm, (name, r) -> r.withEnabled(false)));
        return new ClusterConfig(config.hosts(), resources, config.constraints());
    }

    /** Restarts the VM where it runs, for a reason outside its services (its agent went silent). */
    void restartVm(String vm, String host, String reason) {
        if (restarting.putIfAbsent(vm, host) == null) {
            resetting.add(vm);
            events.entry(EventKind.ALERT, reason + " (" + vm + " on " + host + ")").resource(vm).host(host).warn();
        }
    }

    /**
     * The state to plan with: {@code state}, with the services of each VM reset for a silent agent
     * taken as stopped, since no agent can stop them and the VM's restart ends them.
     */
    ClusterState planningState(ClusterConfig config, ClusterState state) {
        if (resetting.isEmpty()) {
            return state;
        }
        List<ResourceStatus> resources = new ArrayList<>(state.resources().values());
        resources.replaceAll(status -> {
            Resource resource = config.resources().get(status.name());
            return resource != null && resource.hasContainer() && resetting.contains(resource.container())
                    ? new ResourceStatus(status.name(), List.of(), status.failedOn(), status.failCounts(), status.maintenance(),
                            status.lastFailures())
                    : status;
        });
        return ClusterState.of(state.hosts().values(), resources);
    }

    private void escalate(Resource service, Resource vm, ClusterState state, Instant now) {
        ResourceStatus vmStatus = state.resource(vm.name());
        if (vmStatus.activeOn().size() != 1 || restarting.containsKey(vm.name())) {
            return;
        }
        String host = vmStatus.activeOn().get(0);
        int failures = state.resource(service.name()).failCount(host);
        if (failures < service.migrationThreshold()) {
            return;
        }
        observer.clearFailures(service.name());
        Instant last = restarted.get(vm.name());
        boolean recently = last != null && (service.failureTimeout().isZero()
                || Duration.between(last, now).compareTo(service.failureTimeout()) < 0);
        if (recently) {
            restarted.remove(vm.name());
            events.entry(EventKind.RESOURCE_FAILED, "service " + service.name() + " failed " + failures + " times on "
                    + host + " again after its VM was restarted: moving " + vm.name() + " to another host")
                    .resource(service.name()).host(host).warn();
            int vmFailures = vmStatus.failCount(host);
            for (int i = vmFailures; i < vm.migrationThreshold(); i++) {
                observer.actionFailed(vm.name(), host, now);
            }
        } else {
            restarted.put(vm.name(), now);
            restarting.put(vm.name(), host);
            events.entry(EventKind.RESOURCE_FAILED, "service " + service.name() + " failed " + failures + " times on "
                    + host + ": restarting its VM " + vm.name()).resource(service.name()).host(host).warn();
        }
    }
}
