package org.basket.driver.sim;

/** The kinds of simulated driver call that faults can be injected into. */
public enum Operation {
    /** Starting a domain. */
    START,
    /** Stopping a domain. */
    STOP,
    /** Reading a host's or a domain's state. */
    MONITOR,
    /** Live-migrating a domain. */
    MIGRATE,
    /** Listing the hosts, or attaching one. */
    DISCOVER,
    /** Any call to a simulated fence device. */
    FENCE
}
