package org.basket.api.driver;

/** A domain's state as the hypervisor reports it. */
public enum DomainState {
    RUNNING,
    PAUSED,
    SHUTOFF,
    CRASHED,
    /** Leaving this host by live migration: still running here until the switch-over. */
    MIGRATING,
    UNKNOWN;

    /** Whether the domain may be executing guest code on this host. */
    public boolean isActive() {
        return this == RUNNING || this == PAUSED || this == MIGRATING || this == UNKNOWN;
    }
}
