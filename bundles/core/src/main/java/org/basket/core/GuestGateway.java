package org.basket.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Resource;
import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.GuestAgents;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;

/**
 * The in-guest agents as the manager sees them, over every {@link GuestAgents} gateway deployed (the
 * agent channel, the simulator). A VM's agent is reached through the gateway of highest rank that
 * serves it. Keeps each agent's service definitions what the configuration says.
 */
final class GuestGateway {
    private final List<Ranked> gateways = new CopyOnWriteArrayList<>();
    /** VMs whose agent answered the last time it was asked. */
    private final Set<String> heard = ConcurrentHashMap.newKeySet();
    private final Map<String, CheckResult> lastResults = new ConcurrentHashMap<>();
    private final Map<String, List<ServiceDefinition>> defined = new HashMap<>();
    private volatile Map<String, List<ServiceDefinition>> desired = Map.of();
    private final EventLog events;
    private final Runnable changed;

    GuestGateway(EventLog events, Runnable changed) {
        this.events = events;
        this.changed = changed;
    }

    void bind(GuestAgents gateway, int rank) {
        gateways.add(new Ranked(gateway, rank));
        gateways.sort(Comparator.comparingInt(Ranked::rank).reversed());
        gateway.listen(changed);
    }

    void unbind(GuestAgents gateway) {
        gateways.removeIf(ranked -> ranked.gateway() == gateway);
        synchronized (this) {
            defined.clear();
        }
    }

    /** The configuration's guest services, by VM: what each agent must watch. */
    void configure(ClusterConfig config, Map<String, ServiceDefinition> services) {
        Map<String, List<ServiceDefinition>> byVm = new TreeMap<>();
        config.resources().values().stream().filter(r -> r.hasContainer() && services.containsKey(r.name()))
                .forEach(r -> byVm.computeIfAbsent(r.container(), vm -> new ArrayList<>()).add(services.get(r.name())));
        desired = byVm;
        lastResults.keySet().retainAll(services.keySet());
    }

    /** The VMs whose configuration holds guest services: those whose agents Basket expects to hear. */
    Set<String> vmsWithServices() {
        return desired.keySet();
    }

    /**
     * What the VM's agent reports, after making sure it has the VM's current service definitions;
     * empty when no agent of that VM answers.
     */
    Optional<Map<String, CheckResult>> report(String vm) {
        Optional<Map<String, CheckResult>> report = ask(vm);
        if (report.isPresent()) {
            heard.add(vm);
            report.get().forEach((service, result) -> noteChange(vm, service, result));
        } else {
            heard.remove(vm);
        }
        return report;
    }

    /** Tells the operator when the agent's verdict on a service changes, with the agent's own words. */
    private void noteChange(String vm, String service, CheckResult result) {
        CheckResult last = lastResults.put(service, result);
        if (last == null ? result.health() != ServiceHealth.OK : last.health() != result.health()) {
            String message = "agent of " + vm + ": " + service + " " + result.health() + ": " + result.message();
            if (result.health() == ServiceHealth.OK) {
                events.info(message);
            } else {
                events.warn(message);
            }
        }
    }

    /**
     * The configuration to plan with: {@code config}, with each stopped guest service whose agent
     * cannot tell its state (UNKNOWN) held back: starting it blind would only fail, and count.
     */
    ClusterConfig holdUncheckable(ClusterConfig config, ClusterState state) {
        SortedMap<String, Resource> resources = new TreeMap<>(config.resources());
        boolean held = false;
        for (String name : lastResults.keySet()) {
            Resource service = resources.get(name);
            if (service != null && service.enabled() && cannotTell(name) && !state.resource(name).isActive()) {
                resources.put(service.name(), service.withEnabled(false));
                held = true;
            }
        }
        return held ? new ClusterConfig(config.hosts(), resources, config.constraints()) : config;
    }

    /** Whether the agent's last verdict on the service is UNKNOWN. */
    private boolean cannotTell(String service) {
        CheckResult last = lastResults.get(service);
        return last != null && last.health() == ServiceHealth.UNKNOWN;
    }

    /** Whether a gateway reaches the VM's agent (enrolled, or simulated). */
    boolean serves(String vm) {
        return gatewayOf(vm).isPresent();
    }

    /** Whether the VM's agent answered the last {@link #report}. */
    boolean heard(String vm) {
        return heard.contains(vm);
    }

    private Optional<Map<String, CheckResult>> ask(String vm) {
        Optional<GuestAgents> gateway = gatewayOf(vm);
        if (gateway.isEmpty()) {
            return Optional.empty();
        }
        Optional<Map<String, CheckResult>> report = gateway.get().services(vm);
        if (report.isEmpty()) {
            forget(vm);
            return report;
        }
        try {
            if (sync(gateway.get(), vm)) {
                report = gateway.get().services(vm);
            }
        } catch (AgentException e) {
            events.warn("agent of " + vm + ": " + e.getMessage());
            return Optional.empty();
        }
        return report;
    }

    void start(String vm, String service) throws AgentException {
        GuestAgents gateway = requireHeard(vm);
        if (cannotTell(service)) {
            throw new NotReadyException("not starting " + service + " blind: the agent of " + vm
                    + " cannot tell its state: " + lastResults.get(service).message());
        }
        sync(gateway, vm);
        gateway.start(vm, service);
    }

    void stop(String vm, String service) throws AgentException {
        GuestAgents gateway = requireHeard(vm);
        sync(gateway, vm);
        gateway.stop(vm, service);
    }

    /** Gives the agent the VM's current definitions if it does not have them; returns whether it did. */
    private boolean sync(GuestAgents gateway, String vm) throws AgentException {
        List<ServiceDefinition> services = desired.getOrDefault(vm, List.of());
        if (services.equals(definedFor(vm))) {
            return false;
        }
        gateway.define(vm, services);
        remember(vm, services);
        return true;
    }

    /** The VM's gateway, if its agent answered the last time it was asked. */
    private GuestAgents requireHeard(String vm) throws AgentException {
        GuestAgents gateway = gatewayOf(vm).orElseThrow(() -> new AgentException("no in-guest agent of " + vm
                + " is reachable (is the agent installed and enrolled, ha:agent-install?)"));
        if (!heard(vm)) {
            throw new NotReadyException("waiting for the in-guest agent of " + vm + " to answer");
        }
        return gateway;
    }

    private Optional<GuestAgents> gatewayOf(String vm) {
        return gateways.stream().map(Ranked::gateway).filter(g -> g.serves(vm)).findFirst();
    }

    private synchronized List<ServiceDefinition> definedFor(String vm) {
        return defined.get(vm);
    }

    private synchronized void remember(String vm, List<ServiceDefinition> services) {
        defined.put(vm, List.copyOf(services));
    }

    private synchronized void forget(String vm) {
        defined.remove(vm);
    }

    private record Ranked(GuestAgents gateway, int rank) {
    }
}
