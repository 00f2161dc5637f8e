package org.basket.api.model;

import java.util.Objects;

/** Observed state of one host. */
public record HostStatus(String name, HostState state, Capacity capacity, String reason) {
    public HostStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        capacity = capacity == null ? Capacity.NONE : capacity;
        reason = reason == null ? "" : reason;
    }

    public HostStatus(String name, HostState state, Capacity capacity) {
        this(name, state, capacity, "");
    }
}
