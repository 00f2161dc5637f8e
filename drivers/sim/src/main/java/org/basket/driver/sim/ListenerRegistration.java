package org.basket.driver.sim;

/** A listener's registration with a simulated datacenter; closing it stops the events. */
@FunctionalInterface
public interface ListenerRegistration extends AutoCloseable {

    @Override
    void close();
}
