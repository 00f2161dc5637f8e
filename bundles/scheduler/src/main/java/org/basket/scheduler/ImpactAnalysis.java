package org.basket.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.basket.api.cluster.Impact;
import org.basket.api.cluster.ImpactEntry;
import org.basket.api.cluster.ImpactEntry.Effect;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Action;
import org.basket.api.plan.Transition;

/**
 * What rebooting or losing a host would disrupt. The host is put in standby (a reboot: it is drained first) or lost
 * unclean (a failure: it is fenced), the scheduler plans that hypothetical state, and each resource on the host is
 * classified by the actions planned for it. Resources elsewhere whose actions differ from the plan of the state as
 * it is are the knock-on. Pure: nothing is executed.
 */
public final class ImpactAnalysis {
    private final Scheduler scheduler;

    public ImpactAnalysis() {
        this(new Scheduler());
    }

    public ImpactAnalysis(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * @param fail {@code true}: the host is lost unclean and fenced; {@code false}: it is rebooted, drained first
     * @throws IllegalArgumentException if the configuration does not name the host
     */
    public Impact analyse(ClusterConfig config, ClusterState state, String host, boolean fail) {
        return analyse(new PlanInput(config, state, null, scheduler.options()), host, fail);
    }

    /** As the plan made from {@code input} would be, with the host rebooted or lost. */
    public Impact analyse(PlanInput input, String host, boolean fail) {
        WhatIf.requireHost(input.config(), host);
        ClusterState hypothetical = WhatIf.hostIn(input.state(), host, fail ? HostState.UNCLEAN : HostState.STANDBY,
                fail ? "hypothetical failure" : "hypothetical reboot");
        Plan plan = input.withState(hypothetical).plan(scheduler);
        Plan baseline = input.plan(scheduler);
        return new Run(input.config(), input.state(), host, fail, plan, baseline).impact();
    }

    /** One analysis: the plans and what was listed so far. */
    private static final class Run {
        private final ClusterConfig config;
        private final ClusterState state;
        private final String host;
        private final boolean fail;
        private final Plan plan;
        private final Map<String, List<Action>> planned;
        private final Map<String, List<Action>> plannedAnyway;
        private final Set<String> listed = new HashSet<>();

        Run(ClusterConfig config, ClusterState state, String host, boolean fail, Plan plan, Plan baseline) {
            this.config = config;
            this.state = state;
            this.host = host;
            this.fail = fail;
            this.plan = plan;
            this.planned = byResource(plan.transition());
            this.plannedAnyway = byResource(baseline.transition());
        }

        Impact impact() {
            List<ImpactEntry> affected = new ArrayList<>();
            for (Resource resource : vmsFirst()) {
                ResourceStatus status = state.resource(resource.name());
                if (status.activeOn().contains(host) && !insideListedVm(resource, host)) {
                    affected.add(onHost(resource, status));
                    listed.add(resource.name());
                }
            }
            Set<String> moving = Set.copyOf(listed);
            List<ImpactEntry> knockOn = new ArrayList<>();
            for (Resource resource : vmsFirst()) {
                ResourceStatus status = state.resource(resource.name());
                if (status.isActive() && !status.activeOn().contains(host) && !listed.contains(resource.name())) {
                    ImpactEntry entry = knockOn(resource, status, moving);
                    if (entry != null && !insideListedVm(resource, entry.from())) {
                        knockOn.add(entry);
                        listed.add(resource.name());
                    }
                }
            }
            affected.sort(Comparator.comparing(ImpactEntry::resource));
            knockOn.sort(Comparator.comparing(ImpactEntry::resource));
            return new Impact(host, fail, affected, knockOn, plan.transition());
        }

        /** VMs and other resources first, guest services after: a service is listed under its VM when that is listed. */
        private List<Resource> vmsFirst() {
            List<Resource> order = new ArrayList<>();
            config.resources().values().stream().filter(r -> !r.hasContainer()).forEach(order::add);
            config.resources().values().stream().filter(Resource::hasContainer).forEach(order::add);
            return order;
        }

        private boolean insideListedVm(Resource resource, String on) {
            return resource.hasContainer() && listed.contains(resource.container())
                    && state.resource(resource.container()).activeOn().contains(on);
        }

        private ImpactEntry onHost(Resource resource, ResourceStatus status) {
            String name = resource.name();
            List<String> services = services(name, host);
            if (status.maintenance()) {
                return new ImpactEntry(name, Effect.LEFT_AS_IS, host, "", "in maintenance: Basket does not act on it; "
                        + (fail ? "it is down with the host and not recovered" : "it stops when the host reboots"),
                        services);
            }
            for (Action action : planned.getOrDefault(name, List.of())) {
                if (action instanceof Action.Migrate migrate && migrate.from().equals(host)) {
                    return new ImpactEntry(name, Effect.LIVE_MIGRATE, host, migrate.to(), "no outage", services);
                }
            }
            for (Action action : planned.getOrDefault(name, List.of())) {
                if (action instanceof Action.Start start) {
                    return new ImpactEntry(name, Effect.RESTART, host, start.host(),
                            restartReason(resource, start.host()), services);
                }
            }
            String keep = plan.placement().get(name);
            if (keep == null) {
                return new ImpactEntry(name, Effect.CANNOT_RUN, host, "", cannotRunReason(name), services);
            }
            if (!keep.equals(host) && status.activeOn().contains(keep)) {
                return new ImpactEntry(name, Effect.KEEPS_RUNNING, host, keep, "also active on " + keep
                        + ": keeps running there alone", services);
            }
            List<String> notes = WhatIf.notesAbout(plan.transition(), name);
            return new ImpactEntry(name, Effect.LEFT_AS_IS, host, "", notes.isEmpty()
                    ? "Basket does not act on it; it goes down with the host" : String.join("; ", notes), services);
        }

        private String restartReason(Resource resource, String to) {
            if (fail) {
                return "host failure: " + host + " is fenced first";
            }
            if (!resource.migratable()) {
                return "not migratable";
            }
            Host source = config.hosts().get(host);
            Host destination = config.hosts().get(to);
            if (source != null && destination != null && !source.driver().equals(destination.driver())) {
                return "hosts of different drivers: " + host + " (" + source.driver() + "), " + to + " ("
                        + destination.driver() + ")";
            }
            List<String> notes = WhatIf.notesAbout(plan.transition(), resource.name());
            return notes.isEmpty() ? "stopped, then started" : String.join("; ", notes);
        }

        /** The scheduler's words for why it places a resource nowhere. */
        private String cannotRunReason(String name) {
            List<String> reasons = new ArrayList<>();
            for (String note : WhatIf.notesAbout(plan.transition(), name)) {
                if (note.startsWith("cannot run anywhere: ")) {
                    reasons.add(note.substring("cannot run anywhere: ".length()));
                } else if (note.startsWith("cannot run ")) {
                    reasons.add(note.substring("cannot run ".length()));
                } else if (note.startsWith("disabled") || note.startsWith("in maintenance")) {
                    reasons.add(note);
                }
            }
            return reasons.isEmpty() ? "no host can take it" : String.join("; ", reasons);
        }

        /** A resource elsewhere, if the hypothetical plan stops or moves it where the plan as things are would not. */
        private ImpactEntry knockOn(Resource resource, ResourceStatus status, Set<String> moving) {
            String name = resource.name();
            List<Action> now = planned.getOrDefault(name, List.of());
            if (Set.copyOf(now).equals(Set.copyOf(plannedAnyway.getOrDefault(name, List.of())))) {
                return null;
            }
            String from = null;
            String to = null;
            Effect effect = null;
            for (Action action : now) {
                if (action instanceof Action.Migrate migrate) {
                    from = migrate.from();
                    to = migrate.to();
                    effect = Effect.LIVE_MIGRATE;
                } else if (action instanceof Action.Stop stop && status.activeOn().contains(stop.host()) && from == null) {
                    from = stop.host();
                }
            }
            if (from == null) {
                return null; // nothing that runs is disturbed
            }
            if (effect == null) {
                for (Action action : now) {
                    if (action instanceof Action.Start start) {
                        to = start.host();
                        effect = Effect.RESTART;
                    }
                }
            }
            if (effect == null) {
                String keep = plan.placement().get(name);
                effect = keep == null ? Effect.CANNOT_RUN : Effect.KEEPS_RUNNING;
                to = keep;
            }
            String reason = effect == Effect.CANNOT_RUN ? cannotRunReason(name)
                    : effect == Effect.KEEPS_RUNNING ? "also active on " + to + ": keeps running there alone"
                    : knockOnReason(resource, moving);
            return new ImpactEntry(name, effect, from, to, reason, services(name, from));
        }

        /** The constraints that tie a knocked-on resource to the ones that leave the host. */
        private String knockOnReason(Resource resource, Set<String> moving) {
            List<String> ties = new ArrayList<>();
            for (Constraint constraint : config.constraints()) {
                if (!constraint.resources().contains(resource.name())) {
                    continue;
                }
                for (String other : constraint.resources()) {
                    if (other.equals(resource.name()) || !moving.contains(other)) {
                        continue;
                    }
                    if (constraint instanceof Constraint.Colocation colocation) {
                        ties.add((colocation.antiAffinity() ? "anti-affinity " : "colocation ") + colocation.name()
                                + " with " + other);
                    } else if (constraint instanceof Constraint.ColocationSet set) {
                        ties.add("colocation set " + set.name() + " with " + other);
                    } else if (constraint instanceof Constraint.Order order) {
                        ties.add("order " + order.name() + " with " + other);
                    } else if (constraint instanceof Constraint.Container) {
                        ties.add("runs inside " + other);
                    }
                }
            }
            if (!ties.isEmpty()) {
                return String.join("; ", ties);
            }
            return "re-placed with the resources of " + host + " (priority, capacity, scores)";
        }

        /** The guest services of a VM that run with it on the host. */
        private List<String> services(String vm, String on) {
            return config.resources().values().stream()
                    .filter(r -> r.container().equals(vm) && state.resource(r.name()).activeOn().contains(on))
                    .map(Resource::name).toList();
        }

        private static Map<String, List<Action>> byResource(Transition transition) {
            Map<String, List<Action>> map = new LinkedHashMap<>();
            for (Action action : transition.actions()) {
                action.resource().ifPresent(r -> map.computeIfAbsent(r, k -> new ArrayList<>()).add(action));
            }
            return map;
        }
    }
}
