package org.basket.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.basket.api.model.ClusterState;
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
        return table;
    }
}
