package org.basket.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Host;
import org.basket.api.model.HostStatus;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;
import org.basket.api.plan.Transition;

/**
 * A scenario's readable summary: the hosts and resources before, the configuration problems if any,
 * the planned actions in order (each with the actions it waits for), the scheduler's notes, the
 * placement after, and where the actions leave a resource other than the placement says.
 */
final class ScenarioSummary {
    private final StringBuilder out = new StringBuilder();

    private ScenarioSummary() {
    }

    /** The summary of a valid configuration's plan. */
    static String of(ClusterConfig config, ClusterState state, Plan plan) {
        ScenarioSummary s = new ScenarioSummary();
        s.before(config, state);
        s.plan(config, state, plan);
        return s.toString();
    }

    /** As {@link #of(ClusterConfig, ClusterState, Plan)}, with how the scenario plans where that is not the default. */
    static String of(ScenarioReader.Scenario scenario, ClusterConfig config, Plan plan) {
        ScenarioSummary s = new ScenarioSummary();
        s.before(config, scenario.state());
        s.planning(scenario);
        s.plan(config, scenario.state(), plan);
        return s.toString();
    }

    static String ofRejected(ScenarioReader.Scenario scenario, List<ConfigValidator.Problem> problems,
                             List<String> dropped, Plan plan) {
        ScenarioSummary s = new ScenarioSummary();
        s.before(scenario.config(), scenario.state());
        s.planning(scenario);
        s.rejected(scenario.config(), scenario.state(), problems, dropped, plan);
        return s.toString();
    }

    /** The time and the options of the plan, where not the default. */
    private void planning(ScenarioReader.Scenario scenario) {
        SchedulerOptions options = scenario.options();
        List<String> lines = new ArrayList<>();
        if (scenario.now() != null) {
            lines.add("at " + scenario.now());
        }
        if (options.strategy() != PlacementStrategy.BALANCED) {
            lines.add("placement strategy " + options.strategy().word());
        }
        if (options.migrationLimitPerHost() != SchedulerOptions.UNLIMITED) {
            lines.add("at most " + options.migrationLimitPerHost() + " migration(s) per host");
        }
        if (options.migrationLimitInCluster() != SchedulerOptions.UNLIMITED) {
            lines.add("at most " + options.migrationLimitInCluster() + " migration(s) in the cluster");
        }
        if (!lines.isEmpty()) {
            section("Planning");
            lines.forEach(this::line);
        }
    }

    /** The summary of a configuration with problems: what is wrong, then the plan without the rejected constraints. */
    static String ofRejected(ClusterConfig config, ClusterState state, List<ConfigValidator.Problem> problems,
                             List<String> dropped, Plan plan) {
        ScenarioSummary s = new ScenarioSummary();
        s.before(config, state);
        s.rejected(config, state, problems, dropped, plan);
        return s.toString();
    }

    private void rejected(ClusterConfig config, ClusterState state, List<ConfigValidator.Problem> problems,
                          List<String> dropped, Plan plan) {
        section("Configuration problems");
        problems.forEach(p -> line(p.constraint() + ": " + p.reason()));
        if (plan == null) {
            section("Not planned: a rejected constraint belongs to a resource's definition");
        } else {
            section("Planned without " + String.join(", ", dropped));
            plan(config, state, plan);
        }
    }

    private void before(ClusterConfig config, ClusterState state) {
        section("Hosts before");
        for (String name : hostNames(config, state)) {
            Host host = config.hosts().get(name);
            HostStatus status = state.hosts().get(name);
            List<String> parts = new ArrayList<>();
            if (status == null) {
                parts.add("not reported");
            } else {
                parts.add(lower(status.state()));
                if (!status.probed()) {
                    parts.add("not probed");
                }
            }
            if (host == null) {
                parts.add("not configured");
            } else {
                parts.add(host.driver());
            }
            if (status != null) {
                parts.add(status.capacity().toString());
            }
            if (host != null && !host.attributes().isEmpty()) {
                parts.add(host.attributes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" ")));
            }
            if (status != null && !status.reason().isEmpty()) {
                parts.add("\"" + status.reason() + "\"");
            }
            line(name + ": " + String.join(", ", parts));
        }
        section("Resources before");
        SortedSet<String> names = new TreeSet<>(config.resources().keySet());
        names.addAll(state.resources().keySet());
        for (String name : names) {
            ResourceStatus status = state.resource(name);
            List<String> parts = new ArrayList<>();
            parts.add(status.isActive() ? "active on " + String.join(", ", status.activeOn()) : "stopped");
            if (!status.failedOn().isEmpty()) {
                parts.add("failed on " + status.failedOn());
            }
            if (!status.failCounts().isEmpty()) {
                parts.add("fail counts " + status.failCounts().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
            }
            if (!status.lastFailures().isEmpty()) {
                parts.add("last failed " + status.lastFailures().entrySet().stream()
                        .map(e -> e.getKey() + " at " + e.getValue()).collect(Collectors.joining(", ")));
            }
            if (!config.resources().containsKey(name)) {
                parts.add("not configured");
            }
            line(name + ": " + String.join(", ", parts));
        }
    }

    private void plan(ClusterConfig config, ClusterState state, Plan plan) {
        Transition transition = plan.transition();
        List<Action> actions = transition.actions();
        section("Actions in order");
        if (actions.isEmpty()) {
            line("none");
        }
        for (Action action : actions) {
            line(action.toString());
            transition.orderings().stream().filter(o -> o.then().equals(action)).map(Ordering::first)
                    .sorted((a, b) -> Integer.compare(actions.indexOf(a), actions.indexOf(b)))
                    .forEach(first -> line("  after " + first));
        }
        section("Notes");
        if (transition.notes().isEmpty()) {
            line("none");
        }
        transition.notes().forEach(this::line);

        section("Placement after");
        SortedMap<String, List<String>> byHost = new TreeMap<>();
        hostNames(config, state).forEach(h -> byHost.put(h, new ArrayList<>()));
        plan.placement().forEach((resource, host) -> byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(resource));
        byHost.forEach((host, resources) -> {
            String hostState = state.hostState(host).acceptsResources() ? "" : " (" + lower(state.hostState(host)) + ")";
            line(host + hostState + ": " + (resources.isEmpty() ? "none" : String.join(", ", resources)));
        });
        List<String> unplaced = config.resources().values().stream()
                .filter(r -> !plan.placement().containsKey(r.name()))
                .map(r -> r.name() + (r.enabled() ? "" : " (disabled)")).toList();
        if (!unplaced.isEmpty()) {
            line("not placed: " + String.join(", ", unplaced));
        }

        List<String> unlike = unlikePlacement(config, state, plan);
        if (!unlike.isEmpty()) {
            section("After the actions, unlike the placement");
            unlike.forEach(this::line);
        }
    }

    /** Applies the actions to the observed state and compares where each resource ends up with the placement. */
    private static List<String> unlikePlacement(ClusterConfig config, ClusterState state, Plan plan) {
        Map<String, SortedSet<String>> active = new TreeMap<>();
        state.resources().values().forEach(s -> active.put(s.name(), new TreeSet<>(s.activeOn())));
        config.resources().keySet().forEach(r -> active.computeIfAbsent(r, k -> new TreeSet<>()));
        for (Action action : plan.transition().actions()) {
            if (action instanceof Action.Fence fence) {
                active.values().forEach(hosts -> hosts.remove(fence.host()));
            } else if (action instanceof Action.Stop stop) {
                active.get(stop.name()).remove(stop.host());
            } else if (action instanceof Action.Start start) {
                active.get(start.name()).add(start.host());
            } else if (action instanceof Action.Migrate migrate) {
                for (String moving : config.resources().keySet()) {
                    boolean inside = config.resources().get(moving).container().equals(migrate.name());
                    if ((moving.equals(migrate.name()) || inside) && active.get(moving).remove(migrate.from())) {
                        active.get(moving).add(migrate.to()); // a guest service travels inside its VM
                    }
                }
            }
        }
        List<String> lines = new ArrayList<>();
        active.forEach((resource, hosts) -> {
            String placed = plan.placement().get(resource);
            boolean asPlaced = placed == null ? hosts.isEmpty() : hosts.equals(new TreeSet<>(List.of(placed)));
            if (!asPlaced) {
                String where = hosts.isEmpty() ? "active nowhere" : "active on " + String.join(", ", hosts);
                String intent = !config.resources().containsKey(resource) ? "not configured"
                        : placed == null ? "not placed" : "placed on " + placed;
                lines.add(resource + ": " + intent + "; " + where);
            }
        });
        return lines;
    }

    private static Collection<String> hostNames(ClusterConfig config, ClusterState state) {
        SortedSet<String> names = new TreeSet<>(config.hosts().keySet());
        names.addAll(state.hosts().keySet());
        return names;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private void section(String title) {
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append(title).append('\n');
    }

    private void line(String text) {
        out.append("  ").append(text).append('\n');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
