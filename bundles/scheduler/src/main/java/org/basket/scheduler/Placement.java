package org.basket.scheduler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;

/**
 * Assigns every resource that should run to a host: location and colocation scores, capacity,
 * stickiness and failure thresholds. Resources on hosts Basket must not touch (maintenance, driver
 * missing) stay where they are.
 */
final class Placement {
    private final ClusterConfig config;
    private final ClusterState state;
    private final int stickiness;
    private final List<String> notes;
    private final Map<String, String> assigned = new LinkedHashMap<>();
    private final HostLoad load = new HostLoad();

    Placement(ClusterConfig config, ClusterState state, int stickiness, List<String> notes) {
        this.config = config;
        this.state = state;
        this.stickiness = stickiness;
        this.notes = notes;
    }

    Map<String, String> assign() {
        pinUntouchable();
        for (Resource resource : assignmentOrder()) {
            if (!assigned.containsKey(resource.name())) {
                assignOne(resource);
            }
        }
        placeGuestServices();
        dropUnrunnable();
        return assigned;
    }

    /** Resources in maintenance, or on hands-off hosts, stay as they are and take their capacity. */
    private void pinUntouchable() {
        for (ResourceStatus status : state.resources().values()) {
            Resource resource = config.resources().get(status.name());
            for (String host : status.activeOn()) {
                if (resource != null && !resource.hasContainer() && (isUntouchable(host) || status.maintenance())) {
                    assigned.put(resource.name(), host);
                    load.add(host, resource.demand());
                }
            }
        }
    }

    private boolean isUntouchable(String host) {
        return state.hostState(host).isHandsOff();
    }

    /** Higher priority first, then running resources (they keep their place), then by name. */
    private List<Resource> assignmentOrder() {
        List<Resource> order = new ArrayList<>();
        for (Resource resource : config.resources().values()) {
            if (resource.hasContainer()) {
                continue;
            }
            if (state.resource(resource.name()).maintenance()) {
                notes.add(resource.name() + ": in maintenance, left as it is");
                continue;
            }
            if (!resource.enabled()) {
                notes.add(resource.name() + ": disabled, not placed");
                continue;
            }
            order.add(resource);
        }
        order.sort(Comparator.comparingInt((Resource r) -> -r.priority())
                .thenComparing(r -> !state.resource(r.name()).isActive())
                .thenComparing(Resource::name));
        return order;
    }

    private void assignOne(Resource resource) {
        String best = null;
        int bestScore = Score.MINUS_INFINITY;
        List<String> reasons = new ArrayList<>();
        for (HostStatus host : state.hosts().values()) {
            if (!config.hosts().containsKey(host.name())) {
                continue;
            }
            int score = score(resource, host, reasons);
            if (score <= Score.MINUS_INFINITY) {
                continue;
            }
            if (best == null || score > bestScore
                    || score == bestScore && load.count(host.name()) < load.count(best)) {
                best = host.name();
                bestScore = score;
            }
        }
        if (best == null) {
            notes.add(resource.name() + ": cannot run anywhere"
                    + (reasons.isEmpty() ? " (no host)" : ": " + String.join("; ", reasons)));
            return;
        }
        assigned.put(resource.name(), best);
        load.add(best, resource.demand());
    }

    private int score(Resource resource, HostStatus host, List<String> reasons) {
        String name = host.name();
        int reasonsBefore = reasons.size();
        if (!host.state().acceptsResources()) {
            reasons.add(name + " is " + host.state().name().toLowerCase(Locale.ROOT));
            return Score.MINUS_INFINITY;
        }
        Capacity free = host.capacity().minus(load.used(name));
        if (!free.fits(resource.demand())) {
            reasons.add(name + " has " + free + " free, needs " + resource.demand());
            return Score.MINUS_INFINITY;
        }
        ResourceStatus status = state.resource(resource.name());
        if (status.failCount(name) >= resource.migrationThreshold()) {
            reasons.add(name + " reached the migration threshold (" + status.failCount(name) + " failures)");
            return Score.MINUS_INFINITY;
        }
        int score = 0;
        if (status.activeOn().contains(name) || status.failedOn().equals(name)) {
            score = Score.add(score, stickiness);
        }
        for (Constraint.Location location : config.constraints(Constraint.Location.class)) {
            if (location.resource().equals(resource.name()) && location.host().equals(name)) {
                score = Score.add(score, location.score());
            }
        }
        for (Constraint.Colocation colocation : config.constraints(Constraint.Colocation.class)) {
            String other = colocation.resource().equals(resource.name()) ? colocation.with()
                    : colocation.with().equals(resource.name()) ? colocation.resource() : null;
            if (other == null || !assigned.containsKey(other)) {
                continue;
            }
            if (name.equals(assigned.get(other))) {
                score = Score.add(score, colocation.score());
                if (colocation.antiAffinity()) {
                    reasons.add(name + " runs " + other + " (" + colocation.name() + ")");
                }
            } else if (colocation.score() >= Score.INFINITY) {
                score = Score.MINUS_INFINITY; // +INFINITY: the two always share a host
                reasons.add(name + " does not run " + other + " (" + colocation.name() + ")");
            }
        }
        if (score <= Score.MINUS_INFINITY && reasons.size() == reasonsBefore) {
            reasons.add(name + " is banned by a location constraint");
        }
        return score;
    }

    /** A mandatory order keeps {@code then} from running while {@code first} cannot; a guest service needs its VM. */
    private void dropUnrunnable() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Constraint.Order order : config.constraints(Constraint.Order.class)) {
                if (order.mandatory() && drop(order.then(), order.first())) {
                    notes.add(order.then() + ": cannot run because " + order.first() + " cannot run ("
                            + order.name() + ")");
                    changed = true;
                }
            }
            for (Resource service : config.resources().values()) {
                if (service.hasContainer() && drop(service.name(), service.container())) {
                    notes.add(service.name() + ": cannot run because its VM " + service.container() + " does not run");
                    changed = true;
                }
            }
        }
    }

    private boolean drop(String dependent, String required) {
        String host = assigned.get(dependent);
        if (host == null || assigned.containsKey(required) || isUntouchable(host)) {
            return false;
        }
        assigned.remove(dependent);
        return true;
    }

    private void placeGuestServices() {
        Map<String, String> services = new HashMap<>();
        for (Resource resource : config.resources().values()) {
            if (!resource.hasContainer()) {
                continue;
            }
            if (!resource.enabled()) {
                notes.add(resource.name() + ": disabled, not placed");
                continue;
            }
            String host = assigned.get(resource.container());
            if (host == null) {
                notes.add(resource.name() + ": cannot run because its VM " + resource.container() + " does not run");
            } else {
                services.put(resource.name(), host);
            }
        }
        assigned.putAll(services);
    }
}
