package org.basket.core.config;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.basket.api.cluster.ConfigProblem;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.Resource;
import org.basket.core.config.ConfigStore.Slot;
import org.basket.scheduler.ConfigValidator;

/**
 * Settles what the validator rejects so that what stays in force is consistent, and so that the newcomer
 * is the one rejected: of the constraints a problem involves, a new or changed file yields before one in
 * force; of several newcomers, the validator's choice ({@code -INFINITY} wins) or else the latest to
 * arrive; a changed resource that breaks a constraint in force yields before the constraint. A rejected
 * file's last good version returns when it was one.
 */
final class ConstraintResolution {
    private final ConfigValidator validator;
    private final Map<String, Host> hosts;
    private final Map<String, Resource> resources;
    private final Map<String, Slot> resourceSlots;
    private final Map<String, Definition> constraints;
    private final Map<String, Slot> constraintSlots;
    private final List<ConfigProblem> problems;
    /** Versions taken out once: never put back, so that every round makes progress. */
    private final Set<Definition> rejected = new HashSet<>();

    ConstraintResolution(ConfigValidator validator, Map<String, Host> hosts, Map<String, Resource> resources,
                         Map<String, Slot> resourceSlots, Map<String, Definition> constraints,
                         Map<String, Slot> constraintSlots, List<ConfigProblem> problems) {
        this.validator = validator;
        this.hosts = hosts;
        this.resources = resources;
        this.resourceSlots = resourceSlots;
        this.constraints = constraints;
        this.constraintSlots = constraintSlots;
        this.problems = problems;
    }

    void run() {
        while (true) {
            List<ConfigValidator.Problem> found = validator.validate(candidate());
            if (found.isEmpty()) {
                return;
            }
            Set<String> touched = new HashSet<>();
            boolean progress = false;
            for (ConfigValidator.Problem problem : found) {
                if (problem.constraints().stream().noneMatch(touched::contains)
                        && problem.resources().stream().noneMatch(touched::contains)) {
                    progress |= settle(problem, touched);
                }
            }
            if (!progress) {
                giveUp(found);
                return;
            }
        }
    }

    private ClusterConfig candidate() {
        return ClusterConfig.of(hosts.values(), resources.values(),
                constraints.values().stream().map(d -> (Constraint) d.value()).toList());
    }

    private boolean settle(ConfigValidator.Problem problem, Set<String> touched) {
        List<String> newConstraints = problem.constraints().stream()
                .filter(n -> constraints.containsKey(n) && constraintSlots.get(n).isNew()).toList();
        if (!newConstraints.isEmpty()) {
            String victim = newConstraints.contains(problem.constraint()) ? problem.constraint()
                    : latest(newConstraints, constraintSlots);
            return rejectConstraint(victim, problem, touched);
        }
        Optional<String> changedResource = problem.resources().stream()
                .filter(n -> resourceSlots.containsKey(n) && revertible(resourceSlots.get(n), n))
                .max(Comparator.comparingLong(n -> resourceSlots.get(n).arrived));
        if (changedResource.isPresent()) {
            return revertResource(changedResource.get(), problem, touched);
        }
        return constraints.containsKey(problem.constraint()) && rejectConstraint(problem.constraint(), problem, touched);
    }

    private static String latest(List<String> names, Map<String, Slot> slots) {
        return names.stream().max(Comparator.comparingLong(n -> slots.get(n).arrived)).orElseThrow();
    }

    private boolean revertible(Slot slot, String name) {
        return slot.isNew() && slot.latest != null && slot.latest.value() == resources.get(name)
                && slot.lastGood != null && slot.lastGood.value() instanceof Resource;
    }

    private boolean rejectConstraint(String name, ConfigValidator.Problem problem, Set<String> touched) {
        Definition definition = constraints.remove(name);
        rejected.add(definition);
        touched.add(name);
        Slot slot = constraintSlots.get(name);
        boolean fallBack = slot.lastGood != null && !rejected.contains(slot.lastGood)
                && slot.lastGood.name().equals(name);
        problems.add(new ConfigProblem(definition.source(), "", problem.reason() + inForce(problem, name)
                + (fallBack ? " (the previous definition stays in force)" : "")));
        if (fallBack) {
            constraints.put(name, slot.lastGood);
        }
        return true;
    }

    private boolean revertResource(String name, ConfigValidator.Problem problem, Set<String> touched) {
        Slot slot = resourceSlots.get(name);
        rejected.add(slot.latest);
        touched.add(name);
        resources.put(name, (Resource) slot.lastGood.value());
        problems.add(new ConfigProblem(slot.latest.source(), "", problem.reason()
                + " (the change is rejected; the previous definition stays in force)"));
        return true;
    }

    /** Names the other constraints of the problem that stay in force, when there are any. */
    private String inForce(ConfigValidator.Problem problem, String rejectedName) {
        List<String> kept = problem.constraints().stream()
                .filter(n -> !n.equals(rejectedName) && constraints.containsKey(n)).toList();
        return kept.isEmpty() ? "" : "; rejected, " + String.join(", ", kept) + " stays in force";
    }

    /** Cannot happen with the validator's problems; drops what they name rather than loop. */
    private void giveUp(List<ConfigValidator.Problem> found) {
        for (ConfigValidator.Problem problem : found) {
            problem.constraints().forEach(constraints::remove);
            problems.add(new ConfigProblem(problem.constraint(), "", problem.reason() + " (could not be settled)"));
        }
    }
}
