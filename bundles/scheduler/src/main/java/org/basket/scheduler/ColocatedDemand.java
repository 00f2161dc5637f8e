package org.basket.scheduler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.basket.api.model.Capacity;
import org.basket.api.model.Constraint;
import org.basket.api.model.Score;

/**
 * The demand of the resources that must share a host with one (colocations of {@code +INFINITY}, followed from
 * partner to partner) and are not placed yet, as Pacemaker sums them before it places the first of them
 * ({@code pcmk__ban_insufficient_capacity}): a host that cannot hold them all is no place for the first while
 * another host can.
 */
final class ColocatedDemand {
    private ColocatedDemand() {
    }

    /**
     * The demand of the resources not placed yet that must share a host with the one at {@code position}, itself
     * left out; {@link Capacity#NONE} if there are none. Guest services, disabled resources and those in
     * maintenance do not count; placed partners are followed but not counted.
     */
    static Capacity ofPartners(ConfigIndex index, ResourceTable table, String[] hostOf, int position) {
        if (!mustShare(index.colocations(position))) {
            return Capacity.NONE; // most resources: nothing to walk, nothing allocated
        }
        List<Integer> group = new ArrayList<>(); // in the order reached
        Set<Integer> seen = new HashSet<>(); // not a bit set as large as the configuration: a group is small
        group.add(position);
        seen.add(position);
        Capacity sum = Capacity.NONE;
        for (int k = 0; k < group.size(); k++) {
            int at = group.get(k);
            String name = table.resources[at].name();
            for (Constraint.Colocation colocation : index.colocations(at)) {
                if (colocation.score() < Score.INFINITY) {
                    continue;
                }
                int partner = index.position(colocation.resource().equals(name) ? colocation.with()
                        : colocation.resource());
                if (partner < 0 || seen.contains(partner) || table.resources[partner].hasContainer()
                        || !table.resources[partner].enabled() || table.statuses[partner].maintenance()) {
                    continue;
                }
                seen.add(partner);
                group.add(partner);
                if (hostOf[partner] == null) {
                    sum = sum.plus(table.resources[partner].demand());
                }
            }
        }
        return sum;
    }

    private static boolean mustShare(List<Constraint.Colocation> colocations) {
        for (int i = 0; i < colocations.size(); i++) {
            if (colocations.get(i).score() >= Score.INFINITY) {
                return true;
            }
        }
        return false;
    }
}
