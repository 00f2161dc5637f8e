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

    /** Whether the whole cluster is in maintenance mode. */
    boolean isClusterInMaintenance();
}
