package org.basket.core;

import java.util.ArrayList;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.basket.api.cluster.EventKind;
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
 *
 * <p>Agents are never called on the caller's thread: an update of the definitions runs in the
 * background, one at a time per VM, each given up at its deadline; a start or stop waits for its
 * agent at most the action's timeout. The control loop only reads what the agents last reported.
 */
final class GuestGateway {
    private final List<Ranked> gateways = new CopyOnWriteArrayList<>();
    /** VMs whose agent answered the last time it was asked. */
    private final Set<String> heard = ConcurrentHashMap.newKeySet();
    private final Map<String, CheckResult> lastResults = new ConcurrentHashMap<>();
    private final Map<String, List<ServiceDefinition>> defined = new HashMap<>();
    /** The definitions update in flight of each VM: at most one. */
    private final Map<String, CompletableFuture<Void>> syncing = new ConcurrentHashMap<>();
    /** Why the last definitions update of each VM failed, so that a repeated failure is told once. */
    private final Map<String, String> syncFailures = new ConcurrentHashMap<>();
    private final AgentCalls calls;
    private final EngineTime time;
    private volatile Map<String, List<ServiceDefinition>> desired = Map.of();
    private volatile Duration syncDeadline = Duration.ofSeconds(60);
    private final EventLog events;
    private final Runnable changed;
    /** Counts what the agents told or took: every change a gateway tells, every definitions update that ended. */
    private final AtomicLong changes = new AtomicLong();

    GuestGateway(EventLog events, Runnable changed, EngineTime time) {
        this.time = time;
        this.calls = new AgentCalls(time);
        this.events = events;
        this.changed = changed;
    }

    void bind(GuestAgents gateway, int rank) {
        gateways.add(new Ranked(gateway, rank));
        gateways.sort(Comparator.comparingInt(Ranked::rank).reversed());
        gateway.listen(this::changed);
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

    /** How long an update of an agent's definitions may take; past it the update is given up and retried later. */
    void setSyncDeadline(Duration deadline) {
        syncDeadline = deadline;
    }

    /** Something an agent did changed what Basket knows: the control loop plans again. */
    void changed() {
        changes.incrementAndGet();
        changed.run();
    }

    /**
     * A number that grows with every change a gateway tells (a service's health, an agent connected or silent, an
     * enrolment), every guest action's end and every definitions update that ended, failed ones included (retried at
     * the next turn that builds the state).
     */
    long changes() {
        return changes.get();
    }

    /** The VMs whose configuration holds guest services: those whose agents Basket expects to hear. */
    Set<String> vmsWithServices() {
        return desired.keySet();
    }

    /**
     * What the VM's agent last reported, without waiting for it; empty when no agent of that VM
     * answers. An agent that lacks the VM's current service definitions is given them in the background.
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
            EventLog.Entry entry = events.entry(EventKind.AGENT, message).resource(service);
            if (result.health() == ServiceHealth.OK) {
                entry.info();
            } else {
                entry.warn();
            }
        }
    }

    /**
     * The configuration to plan with: {@code config}, with each stopped guest service whose agent
     * cannot tell its state (UNKNOWN) held back: starting it blind would only fail, and count. So is
     * one whose agent answers but has not taken the current definitions yet (their update runs in the
     * background): it is started once the agent has them. So is one whose VM's agent is served but not
     * heard (its VM boots, or the agent is silent): a start would only be refused, and planning it again
     * at once would keep the control loop busy for as long as the agent is silent.
     */
    ClusterConfig holdUncheckable(ClusterConfig config, ClusterState state) {
        SortedMap<String, Resource> resources = new TreeMap<>(config.resources());
        boolean held = false;
        for (Resource service : config.resources().values()) {
            String name = service.name();
            boolean unready = service.hasContainer() && (cannotTell(name) || awaitingDefinitions(service)
                    || serves(service.container()) && !heard(service.container()));
            if (service.enabled() && unready && !state.resource(name).isActive()) {
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

    /** What the agent last reported; starts a definitions update in the background when it lacks the current ones. */
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
        if (!synced(vm)) {
            sync(gateway.get(), vm);
        }
        return report;
    }

    void start(String vm, String service, Duration timeout) throws AgentException, InterruptedException {
        GuestAgents gateway = requireHeard(vm);
        if (cannotTell(service)) {
            throw new NotReadyException("not starting " + service + " blind: the agent of " + vm
                    + " cannot tell its state: " + lastResults.get(service).message());
        }
        long deadline = time.nanoTime() + timeout.toNanos();
        awaitSync(gateway, vm, timeout);
        calls.await(calls.submit(() -> gateway.start(vm, service)), deadline, timeout,
                "the agent of " + vm + " was asked to start " + service);
    }

    void stop(String vm, String service, Duration timeout) throws AgentException, InterruptedException {
        GuestAgents gateway = requireHeard(vm);
        long deadline = time.nanoTime() + timeout.toNanos();
        awaitSync(gateway, vm, timeout);
        calls.await(calls.submit(() -> gateway.stop(vm, service)), deadline, timeout,
                "the agent of " + vm + " was asked to stop " + service);
    }

    /** Whether the service's agent answers but has not taken the current definitions yet. */
    private boolean awaitingDefinitions(Resource service) {
        return heard(service.container()) && !synced(service.container());
    }

    private boolean synced(String vm) {
        return desired.getOrDefault(vm, List.of()).equals(definedFor(vm));
    }

    /** Waits at most {@code timeout} for the agent to hold the VM's current definitions. */
    private void awaitSync(GuestAgents gateway, String vm, Duration timeout) throws AgentException, InterruptedException {
        if (synced(vm)) {
            return;
        }
        Future<Void> update = sync(gateway, vm);
        try {
            time.get(update, time.nanoTime() + timeout.toNanos());
        } catch (TimeoutException e) {
            throw new AgentException("the agent of " + vm + " has not taken its service definitions within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw AgentCalls.rethrown(e.getCause());
        }
    }

    /**
     * The VM's definitions update in flight, or a new one: it runs in the background and is given up
     * after the sync deadline; a failure is told once, until the next success.
     */
    private CompletableFuture<Void> sync(GuestAgents gateway, String vm) {
        synchronized (syncing) {
            CompletableFuture<Void> running = syncing.get(vm);
            if (running != null) {
                return running;
            }
            List<ServiceDefinition> services = desired.getOrDefault(vm, List.of());
            Duration deadline = syncDeadline;
            CompletableFuture<Void> done = new CompletableFuture<>();
            syncing.put(vm, done);
            Future<Void> call = calls.submit(() -> {
                try {
                    gateway.define(vm, services);
                    remember(vm, services);
                    done.complete(null);
                } catch (AgentException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            time.schedule(deadline, () ->
                    done.completeExceptionally(new AgentException("the agent of " + vm + " did not take its service "
                            + "definitions within " + deadline.toMillis() + " ms")));
            done.whenComplete((ok, failure) -> {
                if (failure != null) {
                    call.cancel(true);
                }
                syncEnded(vm, done, failure);
            });
            return done;
        }
    }

    private void syncEnded(String vm, CompletableFuture<Void> update, Throwable failure) {
        syncing.remove(vm, update);
        changes.incrementAndGet();
        if (failure == null) {
            if (syncFailures.remove(vm) != null) {
                events.entry(EventKind.AGENT, "agent of " + vm + ": took its service definitions").resource(vm).info();
            }
            changed.run();
            return;
        }
        String reason = String.valueOf(failure.getMessage());
        if (!reason.equals(syncFailures.put(vm, reason))) {
            events.entry(EventKind.AGENT, "agent of " + vm + ": " + reason + "; retried at the next observation")
                    .resource(vm).warn();
        }
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
