package org.basket.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional capability: the endpoint tells its {@link DriverListener}, as they happen, of every domain state change
 * on an attached host and of every loss and return of contact with it. The manager then asks such a host what it
 * runs after news about it and, to reconcile, once in a long interval, instead of polling every host at every turn.
 */
@ConsumerType
public interface ChangeEvents {
}
