package org.basket.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.Score;

/**
 * Finds constraints that cannot hold together or name what does not exist. Each problem names the
 * constraint at fault; conflicts are reported, never silently resolved.
 */
public final class ConfigValidator {

    /**
     * A constraint that was rejected and why.
     *
     * @param constraint  the one to reject when all involved arrived together (of a positive and a negative
     *                    colocation, the positive one: {@code -INFINITY} wins)
     * @param constraints every constraint the problem involves, {@code constraint} first
     * @param resources   the resources whose definitions take part in the problem (a migratable resource that
     *                    depends on one that is not), so that a changed resource can be the one rejected
     */
    public record Problem(String constraint, String reason, List<String> constraints, List<String> resources) {
        public Problem {
            constraints = List.copyOf(constraints);
            resources = List.copyOf(resources);
        }

        public Problem(String constraint, String reason) {
            this(constraint, reason, List.of(constraint), List.of());
        }
    }

    public List<Problem> validate(ClusterConfig config) {
        List<Problem> problems = new ArrayList<>();
        for (Constraint constraint : config.constraints()) {
            for (String resource : constraint.resources()) {
                if (!config.resources().containsKey(resource)) {
                    problems.add(new Problem(constraint.name(), "names resource '" + resource + "', which is not configured"));
                }
            }
            if (constraint instanceof Constraint.Location location && !config.hosts().containsKey(location.host())) {
                problems.add(new Problem(constraint.name(), "names host '" + location.host() + "', which is not configured"));
            }
            if (constraint instanceof Constraint.Container container) {
                Resource vm = config.resources().get(container.vm());
                if (vm != null && vm.kind() != ResourceKind.VIRTUAL_MACHINE) {
                    problems.add(new Problem(constraint.name(), "container '" + container.vm() + "' is not a virtual machine"));
                }
            }
            if (constraint instanceof Constraint.Colocation c && c.resource().equals(c.with())) {
                problems.add(new Problem(constraint.name(), "colocates '" + c.resource() + "' with itself"));
            }
            if (constraint instanceof Constraint.LocationRule rule) {
                locationRule(rule, problems);
            }
            if (constraint instanceof Constraint.ColocationSet set) {
                colocationSet(set, problems);
            }
        }
        contradictoryColocations(config, problems);
        orderLoops(config, problems);
        MobilityRule.check(config, problems);
        return problems;
    }

    private static void locationRule(Constraint.LocationRule rule, List<Problem> problems) {
        if (rule.attribute().isBlank()) {
            problems.add(new Problem(rule.name(), "names no host attribute"));
        }
        if (rule.operation().takesValue() && rule.value().isEmpty()) {
            problems.add(new Problem(rule.name(), "'" + rule.operation().word() + "' needs a value to compare '"
                    + rule.attribute() + "' with"));
        }
        if (!rule.operation().takesValue() && !rule.value().isEmpty()) {
            problems.add(new Problem(rule.name(), "'" + rule.operation().word() + "' takes no value, but has '"
                    + rule.value() + "'"));
        }
    }

    private static void colocationSet(Constraint.ColocationSet set, List<Problem> problems) {
        Set<String> seen = new HashSet<>();
        for (String member : set.members()) {
            if (!seen.add(member)) {
                problems.add(new Problem(set.name(), "names '" + member + "' twice"));
            }
        }
        if (seen.size() < 2) {
            problems.add(new Problem(set.name(), "a colocation set needs at least two resources, has "
                    + set.members()));
        }
    }

    private static void contradictoryColocations(ClusterConfig config, List<Problem> problems) {
        Map<Set<String>, Constraint.Colocation> mustShare = new HashMap<>();
        List<Constraint.Colocation> colocations = colocationPairs(config);
        for (Constraint.Colocation c : colocations) {
            if (c.score() >= Score.INFINITY && !c.resource().equals(c.with())) {
                mustShare.put(Set.of(c.resource(), c.with()), c);
            }
        }
        for (Constraint.Colocation c : colocations) {
            Constraint.Colocation together = c.antiAffinity() && !c.resource().equals(c.with())
                    ? mustShare.get(Set.of(c.resource(), c.with())) : null;
            if (together != null && !together.name().equals(c.name())) {
                problems.add(new Problem(together.name(), "'" + c.resource() + "' and '" + c.with()
                        + "' must both share and never share a host: " + together.name() + " keeps them together, "
                        + c.name() + " apart", List.of(together.name(), c.name()), List.of()));
            }
        }
    }

    /** Every colocation, and every two members of each colocation set as one (named after the set). */
    static List<Constraint.Colocation> colocationPairs(ClusterConfig config) {
        List<Constraint.Colocation> pairs = new ArrayList<>(config.constraints(Constraint.Colocation.class));
        for (Constraint.ColocationSet set : config.constraints(Constraint.ColocationSet.class)) {
            pairs.addAll(set.pairs());
        }
        return pairs;
    }

    private static void orderLoops(ClusterConfig config, List<Problem> problems) {
        Map<String, List<Constraint.Order>> edges = new HashMap<>();
        for (Constraint.Order order : config.constraints(Constraint.Order.class)) {
            edges.computeIfAbsent(order.first(), k -> new ArrayList<>()).add(order);
        }
        Set<String> reported = new HashSet<>();
        for (Constraint.Order order : config.constraints(Constraint.Order.class)) {
            List<Constraint.Order> path = new ArrayList<>();
            if (!reported.contains(order.name()) && reaches(order.then(), order.first(), edges, new HashSet<>(), path)) {
                path.add(0, order);
                List<String> names = path.stream().map(Constraint.Order::name).toList();
                reported.addAll(names);
                List<String> resources = new ArrayList<>(path.stream().map(Constraint.Order::first).toList());
                resources.add(order.first());
                problems.add(new Problem(order.name(), "order loop: " + String.join(" -> ", resources)
                        + " (orders " + String.join(", ", names) + ")", names, List.of()));
            }
        }
    }

    private static boolean reaches(String from, String to, Map<String, List<Constraint.Order>> edges,
                                   Set<String> seen, List<Constraint.Order> path) {
        if (from.equals(to)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (Constraint.Order next : edges.getOrDefault(from, List.of())) {
            path.add(next);
            if (reaches(next.then(), to, edges, seen, path)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }
}
