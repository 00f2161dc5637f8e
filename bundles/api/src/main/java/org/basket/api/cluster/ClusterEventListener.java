package org.basket.api.cluster;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as an OSGi service to hear every event of the cluster as it happens (the whiteboard pattern), in
 * order, on the manager's event thread: a listener must return quickly. Events missed while a listener was slow
 * are counted, and {@link ClusterService#events(int)} still holds them.
 * <p>
 * A warning or error that comes again word for word within a minute of its last entry is heard once, then as
 * its count when that minute is over: an event of the same kind and subjects whose {@link ClusterEvent#repeats()}
 * says how often it came again (see {@link ClusterEvent}), told before the next event after that minute or at the
 * manager's next observation, whichever comes first. So a listener hears at most two events a minute of one
 * lasting condition and can tell every repeat.
 */
@ConsumerType
public interface ClusterEventListener {
    void event(ClusterEvent event);
}
