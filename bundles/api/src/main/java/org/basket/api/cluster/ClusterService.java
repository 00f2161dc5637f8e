package org.basket.api.cluster;

import java.util.List;

import org.basket.api.fence.FenceException;
import org.osgi.annotation.versioning.ProviderType;

/** The cluster manager as shells, REST and northbound layers see it. */
@ProviderType
public interface ClusterService {

    /** The desired configuration, the observed state and what is wrong with either, at one instant. */
    ClusterSnapshot snapshot();

    /** The recent events, oldest first, at most {@code max}. */
    List<ClusterEvent> events(int max);

    /**
     * Puts a host in standby (its resources move away, none move in) or brings it back online.
     *
     * @throws IllegalArgumentException if no such host is configured
     */
    void setStandby(String host, boolean standby);

    /** What maintenance mode applies to. */
    enum Scope {
        CLUSTER,
        HOST,
        RESOURCE
    }

    /**
     * Maintenance mode: Basket keeps observing and reporting, but never acts on what is in
     * maintenance (for a host: neither on the host nor on what runs there; it is not fenced either).
     *
     * @param name the host or resource; ignored for {@link Scope#CLUSTER}
     * @throws IllegalArgumentException if no such host or resource is configured
     */
    void setMaintenance(Scope scope, String name, boolean on);

    /**
     * Fences a host now, through its fencing levels and then its driver; on success Basket treats
     * it as off and recovers what ran there.
     *
     * @return the name of the device that confirmed power off
     * @throws FenceException naming every level's failure; the host is then not assumed to be off
     */
    String fence(String host) throws FenceException;

    /**
     * The operator's word that a host is off (powered down or isolated by hand): Basket treats it as
     * fenced and recovers what ran there. Wrong, this runs VMs twice.
     */
    void confirmFenced(String host);

    /**
     * Cleans a resource up, as {@code crm_resource --cleanup} does: it is no longer blocked where its stop failed
     * without a fence device (the operator made sure it is stopped there), and its fail counts are cleared; the next
     * plan acts on it again. Only the leading manager does it.
     *
     * @throws IllegalArgumentException for a resource that is not configured
     * @throws IllegalStateException on a manager that does not lead, naming the leader
     */
    void cleanup(String resource);

    /** The transition in flight, action by action; {@link Progress#IDLE} when there is none. */
    Progress progress();

    /**
     * Cancels the long operations in progress: every host in standby that still runs resources goes
     * back online (its drain stops), and the actions of the transition in flight that have not started
     * are abandoned. Running actions finish.
     *
     * @return one line per thing cancelled; empty when there was nothing to cancel
     */
    List<String> cancel();

    /** Whether the whole cluster is in maintenance mode. */
    boolean isClusterInMaintenance();

    /**
     * What rebooting a host ({@code fail == false}: it goes to standby and is drained) or losing it
     * ({@code fail == true}: it fails unclean and is fenced) would disrupt, planned by the scheduler on that
     * hypothetical state from the last observation. Nothing is executed.
     *
     * @throws IllegalArgumentException if no such host is configured
     */
    Impact impact(String host, boolean fail);

    /**
     * Why a resource runs where it does: each host's score and what makes it up, and the host the scheduler picks.
     *
     * @throws IllegalArgumentException if no such resource is configured
     */
    Explanation explain(String resource);

    /**
     * How many simultaneous host failures the cluster absorbs with every resource of at least {@code minPriority}
     * still placed, and which host carries the most critical load.
     */
    Tolerance tolerance(int minPriority);

    /**
     * What the scheduler would plan after the events, applied in order to the last observation. Nothing is executed.
     *
     * @throws IllegalArgumentException naming an event's unknown host or resource, a resource that does not run, or a
     *                                  VM name already configured
     */
    SimulationResult simulate(List<SimulationEvent> events);

    /**
     * The fencing and operation history, newest {@code limit} entries that match, oldest first: on the leader (or a
     * manager alone) from its journal, on a manager that does not lead what the leader shared (the last 10 of each
     * host) or, when that cannot be read, its own journal; {@link History#source()} says which.
     *
     * @param host     only entries about this host (fenced, or an operation on or to it); null for every host
     * @param resource only operations on this resource; null for every entry
     * @param limit    1 to {@link History#MAX_LIMIT}
     * @throws IllegalArgumentException for a limit out of range, or a host or resource neither configured nor in the
     *                                  history
     */
    History history(String host, String resource, int limit);
}
