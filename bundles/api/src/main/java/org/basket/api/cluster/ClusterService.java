package org.basket.api.cluster;

import java.util.List;

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
}
