package org.basket.installer;

/** Asked repeatedly after the install script ran, until it answers true or the wait times out. */
@FunctionalInterface
public interface ReadinessCheck {

    boolean isReady() throws Exception;
}
