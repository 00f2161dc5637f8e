package org.basket.api.model;

/** What Basket knows of a host, from its configuration, its driver and the operator. */
public enum HostState {
    /** Reachable and accepting resources. */
    ONLINE,
    /** Reachable; the operator drains it: its resources move away, none move in. */
    STANDBY,
    /** Observed only: Basket reports but never acts on it or its resources. */
    MAINTENANCE,
    /** Contact lost moments ago: nothing is done to it or its resources until it answers or is declared unclean. */
    SUSPECT,
    /** Known to run nothing (cleanly down or fenced). */
    OFFLINE,
    /** Lost without confirmation: its resources may still run; it must be fenced before they are recovered. */
    UNCLEAN,
    /** Its driver is not deployed: resources on it are left alone, neither failed nor moved. */
    UNMANAGED;

    public boolean acceptsResources() {
        return this == ONLINE;
    }

    /** Whether Basket may act on the host's resources (stop them, migrate them away). */
    public boolean isActionable() {
        return this == ONLINE || this == STANDBY;
    }

    /** Whether Basket leaves the host and whatever runs on it exactly as they are. */
    public boolean isHandsOff() {
        return this == MAINTENANCE || this == SUSPECT || this == UNMANAGED;
    }
}
