package org.basket.api.model;

import java.util.Objects;

/**
 * Observed state of one host.
 *
 * @param name     the host
 * @param state    what Basket knows of it
 * @param capacity what it offers
 * @param reason   why it is not online, for operators
 * @param probed   whether Basket knows what runs on it: it answered since the manager started, or it
 *                 was fenced. An unprobed host may run any resource not seen elsewhere.
 */
public record HostStatus(String name, HostState state, Capacity capacity, String reason, boolean probed) {
    public HostStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        capacity = capacity == null ? Capacity.NONE : capacity;
        reason = reason == null ? "" : reason;
    }

    public HostStatus(String name, HostState state, Capacity capacity, String reason) {
        this(name, state, capacity, reason, true);
    }

    public HostStatus(String name, HostState state, Capacity capacity) {
        this(name, state, capacity, "", true);
    }
}
