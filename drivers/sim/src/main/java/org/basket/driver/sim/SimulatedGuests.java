package org.basket.driver.sim;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.GuestAgents;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;

/**
 * SIMULATED in-guest agents, one in each domain of a {@link SimulatedDatacenter}, named by the
 * domain: they run no service, they remember which services were started in which boot of their
 * VM. A service runs until it is stopped, crashed by fault injection, or its VM stops; a live
 * migration keeps it running. An agent can be made silent. Thread-safe.
 */
public final class SimulatedGuests implements GuestAgents {
    private final SimulatedDatacenter datacenter;
    private final Map<String, Map<String, ServiceDefinition>> defined = new HashMap<>();
    /** Per VM, the services running and the boot of the VM they were started in. */
    private final Map<String, Map<String, Long>> running = new HashMap<>();
    private final Map<String, Integer> starts = new TreeMap<>();
    private final Set<String> silent = new TreeSet<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public SimulatedGuests(SimulatedDatacenter datacenter) {
        this.datacenter = datacenter;
    }

    @Override
    public boolean serves(String vm) {
        return true;
    }

    @Override
    public synchronized Optional<Map<String, CheckResult>> services(String vm) {
        if (!connected(vm)) {
            return Optional.empty();
        }
        Map<String, CheckResult> report = new LinkedHashMap<>();
        for (String service : defined.getOrDefault(vm, Map.of()).keySet()) {
            report.put(service, isRunning(vm, service) ? new CheckResult(ServiceHealth.OK, "simulated: running")
                    : new CheckResult(ServiceHealth.NOT_RUNNING, "simulated: not running"));
        }
        return Optional.of(report);
    }

    @Override
    public synchronized void define(String vm, List<ServiceDefinition> services) throws AgentException {
        requireConnected(vm, "define services");
        Map<String, ServiceDefinition> byName = new TreeMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        defined.put(vm, byName);
    }

    @Override
    public synchronized void start(String vm, String service) throws AgentException {
        requireDefined(vm, service, "start");
        if (!isRunning(vm, service)) {
            running.computeIfAbsent(vm, v -> new HashMap<>()).put(service, datacenter.boots(vm));
            starts.merge(service, 1, Integer::sum);
        }
    }

    @Override
    public synchronized void stop(String vm, String service) throws AgentException {
        requireDefined(vm, service, "stop");
        running.getOrDefault(vm, new HashMap<>()).remove(service);
    }

    @Override
    public void listen(Runnable changed) {
        listeners.add(changed);
    }

    /** Fault injection: the service dies inside its VM. */
    public void crashService(String vm, String service) {
        synchronized (this) {
            running.getOrDefault(vm, new HashMap<>()).remove(service);
        }
        listeners.forEach(Runnable::run);
    }

    /** Fault injection: the VM's agent stops answering (or answers again). */
    public void silence(String vm, boolean value) {
        synchronized (this) {
            if (value) {
                silent.add(vm);
            } else {
                silent.remove(vm);
            }
        }
        listeners.forEach(Runnable::run);
    }

    /** How often the service was started, over every boot of its VM. */
    public synchronized int starts(String service) {
        return starts.getOrDefault(service, 0);
    }

    private boolean connected(String vm) {
        return !silent.contains(vm) && !datacenter.activeHosts(vm).isEmpty();
    }

    private boolean isRunning(String vm, String service) {
        Long boot = running.getOrDefault(vm, Map.of()).get(service);
        return boot != null && boot == datacenter.boots(vm);
    }

    private void requireConnected(String vm, String what) throws AgentException {
        if (!connected(vm)) {
            throw new AgentException("cannot " + what + " in " + vm + ": its simulated agent is not connected"
                    + (silent.contains(vm) ? " (silenced)" : " (the VM does not run)"));
        }
    }

    private void requireDefined(String vm, String service, String what) throws AgentException {
        requireConnected(vm, what + " " + service);
        if (!defined.getOrDefault(vm, Map.of()).containsKey(service)) {
            throw new AgentException("cannot " + what + " " + service + " in " + vm + ": not defined on its agent");
        }
    }
}
