package org.basket.pacemaker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.Score;

/**
 * {@code symmetric-cluster=false}: a resource runs only on the nodes a location enables for it (a score of 0 or more
 * on that node, or a rule that holds there). Basket's hosts take any resource not kept away, so every other
 * host gets a {@code -INFINITY} location.
 */
final class OptInCluster {
    private OptInCluster() {
    }

    static List<Constraint> exclusions(Collection<Host> hosts, Set<String> resources, List<Constraint> constraints) {
        List<Constraint> exclusions = new ArrayList<>();
        for (String resource : resources) {
            for (Host host : hosts) {
                if (!enabled(resource, host, constraints)) {
                    exclusions.add(new Constraint.Location("opt-in-" + resource + "-not-" + host.name(), resource,
                            host.name(), Score.MINUS_INFINITY));
                }
            }
        }
        return exclusions;
    }

    private static boolean enabled(String resource, Host host, List<Constraint> constraints) {
        for (Constraint c : constraints) {
            if (c instanceof Constraint.Location l && l.resource().equals(resource) && l.host().equals(host.name())
                    && l.score() >= 0) {
                return true;
            }
            if (c instanceof Constraint.LocationRule r && r.resource().equals(resource) && r.matches(host)
                    && r.score() >= 0) {
                return true;
            }
        }
        return false;
    }
}
