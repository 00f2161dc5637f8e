package org.basket.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Resource;
import org.basket.api.plan.Action;
import org.basket.api.plan.Transition;

/**
 * Why each resource is not where it should be, for the operator: the plan's notes about every resource the
 * plan does not act on, and a word for those Basket holds back from the scheduler (planned as disabled).
 */
final class ResourceReasons {
    /** A note about failures that expired is history, not a reason. */
    private static final String EXPIRED = " expired (last at ";

    private ResourceReasons() {
    }

    /**
     * @param configured the configuration in force
     * @param planned    what the scheduler was given (guest services its agent cannot check and VMs that restart
     *                   are disabled there)
     * @param transition what is executed of the plan, with its notes
     */
    static Map<String, String> of(ClusterConfig configured, ClusterConfig planned, Transition transition) {
        Set<String> actedOn = transition.actions().stream().map(Action::resource).flatMap(java.util.Optional::stream)
                .collect(Collectors.toSet());
        Map<String, String> reasons = new TreeMap<>();
        for (Resource resource : configured.resources().values()) {
            String name = resource.name();
            if (actedOn.contains(name) || !resource.enabled()) {
                continue;
            }
            List<String> said = new ArrayList<>();
            Resource asPlanned = planned.resources().get(name);
            boolean heldBack = resource.enabled() && asPlanned != null && !asPlanned.enabled();
            if (heldBack) {
                said.add(resource.hasContainer() ? "held back: its VM's agent cannot check it yet"
                        : "held back until it has stopped, to restart");
            }
            String prefix = name + ": ";
            transition.notes().stream()
                    .filter(n -> n.startsWith(prefix) && !n.contains(EXPIRED))
                    .map(n -> n.substring(prefix.length()))
                    .filter(n -> !(heldBack && n.startsWith("disabled")))
                    .forEach(said::add);
            if (!said.isEmpty()) {
                reasons.put(name, String.join("; ", said));
            }
        }
        return reasons;
    }
}
