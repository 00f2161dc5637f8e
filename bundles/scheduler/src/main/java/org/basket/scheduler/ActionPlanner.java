package org.basket.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;
import org.basket.api.plan.Transition;

/**
 * Turns a placement into actions and orderings. Rules: unclean hosts are fenced before anything
 * that ran on them is recovered; a planned move of a migratable VM between hosts of one driver is a
 * live migration; a stop on a host, or a migration away from it, comes before starts onto it; orders and
 * containers order starts forwards and stops backwards.
 */
final class ActionPlanner {
    private final ClusterConfig config;
    private final ClusterState state;
    private final Map<String, String> placement;
    private final List<String> notes;
    private final Set<Action> actions = new LinkedHashSet<>();
    private final Set<Ordering> orderings = new LinkedHashSet<>();

    ActionPlanner(ClusterConfig config, ClusterState state, Map<String, String> placement, List<String> notes) {
        this.config = config;
        this.state = state;
        this.placement = placement;
        this.notes = notes;
    }

    Transition plan() {
        for (HostStatus host : state.hosts().values()) {
            if (host.state() == HostState.UNCLEAN) {
                actions.add(new Action.Fence(host.name()));
                notes.add(host.name() + ": unclean, fence before recovering its resources");
            }
        }
        for (ResourceStatus status : state.resources().values()) {
            if (!config.resources().containsKey(status.name())) {
                for (String host : status.activeOn()) {
                    if (isActionable(host)) {
                        actions.add(new Action.Stop(status.name(), host));
                        notes.add(status.name() + ": no longer configured, stop on " + host);
                    }
                }
            }
        }
        config.resources().values().stream().filter(r -> !r.hasContainer()).forEach(this::planResource);
        config.resources().values().stream().filter(Resource::hasContainer).forEach(this::planResource);
        orderStopsBeforeStartsOnHost();
        orderConstraints();
        return new Transition(TopologicalOrder.sort(actions, orderings), List.copyOf(orderings), notes);
    }

    private boolean isActionable(String host) {
        return state.hostState(host).isActionable();
    }

    private void planResource(Resource resource) {
        ResourceStatus status = state.resource(resource.name());
        if (status.maintenance()) {
            return;
        }
        String target = placement.get(resource.name());
        if (target != null && !isActionable(target)) {
            return; // pinned on a maintenance or unmanaged host
        }
        List<String> running = new ArrayList<>();
        List<String> unclean = new ArrayList<>();
        for (String host : status.activeOn()) {
            HostState hostState = state.hostState(host);
            if (hostState == HostState.UNCLEAN) {
                unclean.add(host);
            } else if (isActionable(host)) {
                running.add(host);
            }
        }
        if (status.activeOn().stream().anyMatch(h -> state.hostState(h).isHandsOff())) {
            return; // also active where Basket must not act: leave it alone
        }
        if (running.size() > 1) {
            notes.add(resource.name() + ": active on " + String.join(", ", running) + ", keeping one");
        }
        String keep = running.contains(target) ? target : null;
        String moveFrom = keep == null && target != null && running.size() == 1 ? running.get(0) : null;
        for (String host : running) {
            if (!host.equals(keep) && !host.equals(moveFrom)) {
                stop(resource, host);
            }
        }
        if (target == null || keep != null) {
            return;
        }
        if (moveFrom != null && resource.hasContainer()
                && actions.contains(new Action.Migrate(resource.container(), moveFrom, target))) {
            return; // a guest service moves with its VM
        }
        if (moveFrom != null && canMigrate(resource, moveFrom, target)) {
            actions.add(new Action.Migrate(resource.name(), moveFrom, target));
            notes.add(resource.name() + ": migrate from " + moveFrom + " (" + state.hostState(moveFrom)
                    .name().toLowerCase(java.util.Locale.ROOT) + ") to " + target);
            return;
        }
        List<String> unprobed = running.isEmpty() && unclean.isEmpty() ? unprobedHosts() : List.of();
        if (unprobed.stream().anyMatch(h -> state.hostState(h) != HostState.UNCLEAN)) {
            notes.add(resource.name() + ": not started while " + String.join(", ", unprobed)
                    + " may run it (not probed yet)");
            return;
        }
        if (moveFrom != null) {
            stop(resource, moveFrom);
        }
        Action start = new Action.Start(resource.name(), target);
        actions.add(start);
        for (String host : unprobed) {
            orderings.add(new Ordering(new Action.Fence(host), start));
        }
        if (!unprobed.isEmpty()) {
            notes.add(resource.name() + ": start on " + target + " after fencing " + String.join(", ", unprobed)
                    + " (not probed, may run it)");
        }
        for (String host : running) {
            orderings.add(new Ordering(new Action.Stop(resource.name(), host), start));
        }
        if (moveFrom != null && !resource.hasContainer()) {
            notes.add(resource.name() + ": restart on " + target + " (" + whyNotMigrated(resource, moveFrom) + ")");
        } else if (!status.failedOn().isEmpty()) {
            notes.add(resource.name() + ": recover on " + target + " after failure on " + status.failedOn());
        }
        for (String host : unclean) {
            orderings.add(new Ordering(new Action.Fence(host), start));
            notes.add(resource.name() + ": was on unclean " + host + ", start on " + target + " after fencing");
        }
    }

    /** Hosts whose contents Basket does not know and that are not known to be off: they may run anything. */
    private List<String> unprobedHosts() {
        return state.hosts().values().stream().filter(h -> !h.probed() && h.state() != HostState.OFFLINE)
                .map(HostStatus::name).toList();
    }

    private void stop(Resource resource, String host) {
        Action stop = new Action.Stop(resource.name(), host);
        if (actions.add(stop) && !resource.hasContainer()) {
            notes.add(resource.name() + ": stop on " + host);
        }
    }

    private boolean canMigrate(Resource resource, String from, String to) {
        Host source = config.hosts().get(from);
        Host destination = config.hosts().get(to);
        return resource.migratable() && !resource.hasContainer() && source != null && destination != null
                && source.driver().equals(destination.driver());
    }

    private String whyNotMigrated(Resource resource, String from) {
        if (!resource.migratable()) {
            return "not migratable";
        }
        return config.hosts().containsKey(from) ? "hosts do not share a driver" : from + " is not configured";
    }

    /**
     * Room first: a stop on a host precedes starts and migrations onto it, and a migration away from a
     * host precedes starts on it. (Not migrations onto it: two VMs trading hosts would wait for each other.)
     */
    private void orderStopsBeforeStartsOnHost() {
        List<Action> snapshot = List.copyOf(actions);
        for (Action first : snapshot) {
            for (Action other : snapshot) {
                if (first instanceof Action.Stop stop) {
                    if (other instanceof Action.Start start && start.host().equals(stop.host())
                            && !start.name().equals(stop.name())) {
                        orderings.add(new Ordering(first, other));
                    } else if (other instanceof Action.Migrate migrate && migrate.to().equals(stop.host())) {
                        orderings.add(new Ordering(first, other));
                    }
                } else if (first instanceof Action.Migrate away && other instanceof Action.Start start
                        && start.host().equals(away.from())) {
                    orderings.add(new Ordering(first, other));
                }
            }
        }
    }

    /**
     * Orders and containers: {@code first} starts before {@code then}; {@code then} stops before {@code first}. A
     * guest service starts after its VM arrives on the service's host.
     */
    private void orderConstraints() {
        List<Action> snapshot = List.copyOf(actions);
        for (Constraint constraint : config.constraints()) {
            String first;
            String then;
            if (constraint instanceof Constraint.Order order) {
                first = order.first();
                then = order.then();
            } else if (constraint instanceof Constraint.Container container) {
                first = container.vm();
                then = container.service();
            } else {
                continue;
            }
            boolean container = constraint instanceof Constraint.Container;
            for (Action a : snapshot) {
                for (Action b : snapshot) {
                    if (a instanceof Action.Start && b instanceof Action.Start
                            && is(a, first) && is(b, then)) {
                        orderings.add(new Ordering(a, b));
                    } else if (a instanceof Action.Stop && b instanceof Action.Stop && is(a, then) && is(b, first)) {
                        orderings.add(new Ordering(a, b));
                    } else if (container && a instanceof Action.Migrate migrate && b instanceof Action.Start start
                            && is(a, first) && is(b, then) && migrate.to().equals(start.host())) {
                        orderings.add(new Ordering(a, b));
                    }
                }
            }
        }
    }

    private static boolean is(Action action, String resource) {
        return action.resource().map(resource::equals).orElse(false);
    }
}
