package org.basket.scheduler;

import java.util.List;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;
import org.basket.api.model.Resource;
import org.basket.api.model.Score;

/**
 * A resource that moves live may not depend on one that does not: when the other one moves it stops and starts,
 * and the dependency (a mandatory order, a colocation of {@code +INFINITY}) would stop the live one with it. A
 * guest service moves live when its VM does.
 */
final class MobilityRule {
    private MobilityRule() {
    }

    static void check(ClusterConfig config, List<ConfigValidator.Problem> problems) {
        for (Constraint.Order order : config.constraints(Constraint.Order.class)) {
            if (order.mandatory() && movesLive(config, order.then()) && stopsToMove(config, order.first())) {
                problems.add(problem(order.name(), "mandatory order", order.then(), order.first()));
            }
        }
        for (Constraint.Colocation colocation : ConfigValidator.colocationPairs(config)) {
            if (colocation.score() < Score.INFINITY) {
                continue;
            }
            String kind = config.constraints(Constraint.ColocationSet.class).stream()
                    .anyMatch(set -> set.name().equals(colocation.name())) ? "colocation set" : "colocation";
            if (movesLive(config, colocation.resource()) && stopsToMove(config, colocation.with())) {
                problems.add(problem(colocation.name(), kind, colocation.resource(), colocation.with()));
            } else if (movesLive(config, colocation.with()) && stopsToMove(config, colocation.resource())) {
                problems.add(problem(colocation.name(), kind, colocation.with(), colocation.resource()));
            }
        }
    }

    private static ConfigValidator.Problem problem(String constraint, String kind, String live, String stopped) {
        return new ConfigValidator.Problem(constraint, "'" + live + "' is migratable but depends on '" + stopped
                + "', which is not, through the " + kind + " " + constraint + ": moving " + stopped
                + " would stop " + live + "; make both migratable or neither", List.of(constraint),
                List.of(live, stopped));
    }

    private static boolean movesLive(ClusterConfig config, String name) {
        Resource resource = config.resources().get(name);
        if (resource == null) {
            return false;
        }
        if (resource.hasContainer()) {
            Resource vm = config.resources().get(resource.container());
            return vm != null && vm.migratable();
        }
        return resource.migratable();
    }

    private static boolean stopsToMove(ClusterConfig config, String name) {
        return config.resources().containsKey(name) && !movesLive(config, name);
    }
}
