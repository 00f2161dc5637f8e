package org.basket.api.cluster;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as an OSGi service to hear every event of the cluster as it happens (the whiteboard pattern), in
 * order, on the manager's event thread: a listener must return quickly. Events missed while a listener was slow
 * are counted, and {@link ClusterService#events(int)} still holds them.
 */
@ConsumerType
public interface ClusterEventListener {
    void event(ClusterEvent event);
}
