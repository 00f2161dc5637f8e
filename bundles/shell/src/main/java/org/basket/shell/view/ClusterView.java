package org.basket.shell.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.ConfigProblem;
import org.basket.api.model.Capacity;
import org.basket.api.model.Host;
import org.basket.api.model.HostCondition;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Action;

/** Readable rows derived from a cluster snapshot, shared by the table and JSON outputs. */
public final class ClusterView {
    private final ClusterSnapshot snapshot;
    private Map<String, Action> inFlight;

    public ClusterView(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** The first action in flight of each resource, looked up once per view (10,000 resources x 10,000 actions). */
    private Map<String, Action> inFlight() {
        if (inFlight == null) {
            inFlight = new java.util.HashMap<>();
            snapshot.inFlight().actions().forEach(a -> a.resource().ifPresent(r -> inFlight.putIfAbsent(r, a)));
        }
        return inFlight;
    }

    private static Map<String, Object> condition(HostCondition condition) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", condition.kind());
        map.put("message", condition.message());
        return map;
    }

    /** Each condition a driver reports of a host, as "host: kind: message". */
    public List<String> hostConditions() {
        return snapshot.state().hosts().values().stream()
                .flatMap(host -> host.conditions().stream().map(c -> host.name() + ": " + c)).toList();
    }

    /** What ha:status --json gives: the manager's standing, hosts, resources, drivers, problems, the actions in flight. */
    public Map<String, Object> status(boolean clusterInMaintenance) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("manager", snapshot.manager());
        all.put("hosts", hosts());
        all.put("resources", resources());
        all.put("drivers", snapshot.drivers());
        all.put("problems", snapshot.problems().stream().map(ClusterView::problem).toList());
        all.put("inFlight", snapshot.inFlight().actions().stream().map(Object::toString).toList());
        all.put("maintenance", clusterInMaintenance);
        return all;
    }

    private static Map<String, Object> problem(ConfigProblem problem) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", problem.source());
        map.put("key", problem.key());
        map.put("reason", problem.reason());
        return map;
    }

    public List<Map<String, Object>> hosts() {
        Map<String, Capacity> usedOn = new java.util.HashMap<>();
        Map<String, Integer> countOn = new java.util.HashMap<>();
        for (ResourceStatus status : snapshot.state().resources().values()) {
            Resource resource = snapshot.config().resources().get(status.name());
            if (resource != null) {
                for (String on : new java.util.LinkedHashSet<>(status.activeOn())) {
                    usedOn.merge(on, resource.demand(), Capacity::plus);
                    countOn.merge(on, 1, Integer::sum);
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HostStatus host : snapshot.state().hosts().values()) {
            Capacity used = usedOn.getOrDefault(host.name(), Capacity.NONE);
            int count = countOn.getOrDefault(host.name(), 0);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", host.name());
            row.put("state", lower(host.state()));
            Host configured = snapshot.config().hosts().get(host.name());
            row.put("driver", configured == null ? "" : configured.driver());
            row.put("resources", count);
            row.put("cpus", used.cpus() + "/" + host.capacity().cpus());
            row.put("memoryMb", used.memoryMb() + "/" + host.capacity().memoryMb());
            row.put("reason", host.reason());
            row.put("conditions", host.conditions().stream().map(ClusterView::condition).toList());
            rows.add(row);
        }
        return rows;
    }

    /**
     * Every resource, each VM followed by the guest services in it; a service row names its {@code vm}; {@code blockedOn}
     * names the host where its stop failed and no fence can clear it (empty if none), and its state is then "blocked on
     * HOST" until ha:cleanup.
     */
    public List<Map<String, Object>> resources() {
        Map<String, List<Resource>> inside = new java.util.HashMap<>();
        snapshot.config().resources().values().stream().filter(Resource::hasContainer)
                .forEach(r -> inside.computeIfAbsent(r.container(), c -> new ArrayList<>()).add(r));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Resource resource : snapshot.config().resources().values()) {
            if (!resource.hasContainer() || !snapshot.config().resources().containsKey(resource.container())) {
                rows.add(row(resource));
                inside.getOrDefault(resource.name(), List.of()).forEach(service -> rows.add(row(service)));
            }
        }
        return rows;
    }

    /** {@link #resources()} for a table: a guest service's name indented under its VM. */
    public List<Map<String, Object>> resourceTable() {
        return resources().stream().map(row -> {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            if (row.containsKey("vm")) {
                copy.put("name", "  " + row.get("name"));
            }
            return copy;
        }).toList();
    }

    private Map<String, Object> row(Resource resource) {
        ResourceStatus status = snapshot.state().resource(resource.name());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", resource.name());
        if (resource.hasContainer()) {
            row.put("vm", resource.container());
        }
        row.put("kind", lower(resource.kind()).replace('_', '-'));
        row.put("state", state(resource, status));
        row.put("host", String.join(",", status.activeOn()));
        row.put("blockedOn", status.blockedOn());
        row.put("failures", status.failCounts());
        row.put("reason", snapshot.reason(resource.name()));
        return row;
    }

    /** Hosts in standby that still run resources, with those resources. */
    public Map<String, List<String>> draining() {
        Map<String, List<String>> draining = new java.util.TreeMap<>();
        snapshot.state().hosts().values().stream().filter(h -> h.state() == HostState.STANDBY).forEach(h -> {
            List<String> left = snapshot.state().resources().values().stream()
                    .filter(r -> r.activeOn().contains(h.name())).map(ResourceStatus::name).toList();
            if (!left.isEmpty()) {
                draining.put(h.name(), left);
            }
        });
        return draining;
    }

    /**
     * The chain from a resource to the host it runs on, e.g. {@code [vm1, node2]}; a link blocked where its stop failed
     * says so, e.g. {@code [vm1, (blocked on node2)]} when not seen running there (it may still run there).
     */
    public List<String> where(String resource) {
        List<String> chain = new ArrayList<>();
        String current = resource;
        while (current != null && !current.isEmpty()) {
            Resource r = snapshot.config().resources().get(current);
            ResourceStatus status = snapshot.state().resource(current);
            if (r != null && r.hasContainer()) {
                chain.add(status.isBlocked() ? current + " (blocked on " + status.blockedOn() + ")"
                        : status.isActive() ? current : current + " (not running)");
                current = r.container();
            } else {
                chain.add(current);
                chain.add(hostsOf(status));
                current = null;
            }
        }
        return chain;
    }

    private static String hostsOf(ResourceStatus status) {
        String hosts = String.join("+", status.activeOn());
        if (status.isBlocked()) {
            String blocked = "blocked on " + status.blockedOn();
            return hosts.isEmpty() ? "(" + blocked + ")" : hosts + " (" + blocked + ")";
        }
        return status.isActive() ? hosts : "(not running)";
    }

    private String state(Resource resource, ResourceStatus status) {
        if (status.isBlocked()) {
            return "blocked on " + status.blockedOn();
        }
        Action action = inFlight().get(resource.name());
        if (action != null) {
            return progressive(action);
        }
        if (status.maintenance()) {
            return (status.isActive() ? "running on " + String.join(",", status.activeOn()) : "stopped")
                    + " (maintenance)";
        }
        if (status.activeOn().size() > 1) {
            return "active on " + status.activeOn().size() + " hosts";
        }
        if (status.isActive()) {
            HostState host = snapshot.state().hostState(status.activeOn().get(0));
            return host.isActionable() ? "running" : "running (host " + lower(host) + ")";
        }
        if (!resource.enabled()) {
            return "disabled";
        }
        return status.failedOn().isEmpty() ? "stopped" : "failed on " + status.failedOn();
    }

    private static String progressive(Action action) {
        if (action instanceof Action.Start) {
            return "starting";
        }
        if (action instanceof Action.Stop) {
            return "stopping";
        }
        return action instanceof Action.Migrate ? "migrating" : "checking";
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
