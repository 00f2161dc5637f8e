package org.basket.scheduler;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;

/**
 * The configured resources by name, each with its observed state, and the observed resources that are not
 * configured: one walk along the configuration's resources and the state (both sorted by name) instead of a
 * look-up per resource. A resource's position is the one in {@link ConfigIndex#resources}. Fail counts past the
 * resource's failure timeout are left out (see {@link FailureExpiry}).
 */
final class ResourceTable {
    private static final ResourceStatus NOT_OBSERVED = ResourceStatus.stopped("");
    /** The configured resources, by name ({@link ConfigIndex#resources}). */
    final Resource[] resources;
    /**
     * The observed state of each of {@link #resources}; where none is observed, one shared stopped state (its name
     * is empty: take names from the resources).
     */
    final ResourceStatus[] statuses;
    /** Observed resources that the configuration does not name, by name. */
    final List<ResourceStatus> unconfigured = new ArrayList<>();
    /** The positions of the resources left as they are because of a block, each with its own note; null: none. */
    private boolean[] heldByBlock;

    private ResourceTable(Resource[] resources) {
        this.resources = resources;
        statuses = new ResourceStatus[resources.length];
    }

    static ResourceTable of(ConfigIndex index, ClusterState state) {
        return of(index, state, null, new ArrayList<>());
    }

    /**
     * @param now   the time of the plan, for failure timeouts; null: no fail count expires
     * @param notes where to say which fail counts expired
     */
    static ResourceTable of(ConfigIndex index, ClusterState state, Instant now, List<String> notes) {
        Resource[] configured = index.resources;
        ResourceTable table = new ResourceTable(configured);
        Iterator<ResourceStatus> statuses = state.resources().values().iterator();
        ResourceStatus status = statuses.hasNext() ? statuses.next() : null;
        int i = 0;
        while (i < configured.length || status != null) {
            int c = i == configured.length ? 1 : status == null ? -1 : configured[i].name().compareTo(status.name());
            if (c > 0) {
                table.unconfigured.add(status);
            } else {
                table.statuses[i] = c != 0 ? NOT_OBSERVED
                        : now == null || status.failCounts().isEmpty() || !configured[i].hasFailureTimeout() ? status
                        : FailureExpiry.withoutExpired(configured[i], status, now, notes);
                i++;
            }
            if (c >= 0) {
                status = statuses.hasNext() ? statuses.next() : null;
            }
        }
        if (state.resources().values().stream().anyMatch(ResourceStatus::isBlocked)) {
            table.holdBlocked(index, notes);
        }
        return table;
    }

    /**
     * A blocked resource (its stop failed where no fence can clear it) is left as it is, active where it is blocked,
     * and so is each active {@code first} of its mandatory orders, in turn: it cannot stop before the blocked one
     * has stopped (Pacemaker's rule). Both are then planned like resources in maintenance.
     */
    private void holdBlocked(ConfigIndex index, List<String> notes) {
        heldByBlock = new boolean[resources.length];
        Deque<Integer> held = new ArrayDeque<>();
        for (int i = 0; i < statuses.length; i++) {
            ResourceStatus status = statuses[i];
            if (status.isBlocked()) {
                List<String> active = new ArrayList<>(status.activeOn());
                active.add(status.blockedOn());
                statuses[i] = leftAsItIs(status, active);
                notes.add(resources[i].name() + ": blocked on " + status.blockedOn()
                        + " (its stop failed and no fence can clear it): no action until ha:cleanup");
                held.add(i);
                heldByBlock[i] = true;
            }
        }
        while (!held.isEmpty()) {
            int then = held.poll();
            for (Constraint.Order order : index.mandatoryOrders) {
                if (!order.then().equals(resources[then].name())) {
                    continue;
                }
                int first = index.position(order.first());
                if (first >= 0 && statuses[first].isActive() && !statuses[first].maintenance()) {
                    statuses[first] = leftAsItIs(statuses[first], statuses[first].activeOn());
                    notes.add(order.first() + ": kept where it runs: " + order.then()
                            + ", which stops before it, is blocked");
                    held.add(first);
                    heldByBlock[first] = true;
                }
            }
        }
    }

    /** Whether the resource at the position is left as it is because of a block (its note says so). */
    boolean heldByBlock(int position) {
        return heldByBlock != null && heldByBlock[position];
    }

    private static ResourceStatus leftAsItIs(ResourceStatus status, List<String> active) {
        return new ResourceStatus(status.name(), active, status.failedOn(), status.failCounts(), true,
                status.lastFailures(), status.blockedOn());
    }
}
