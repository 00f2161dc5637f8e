package org.basket.api.model;

import java.util.List;
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
 * @param conditions what its driver last reported of it besides its state (maintenance mode in the
 *                 virtualization manager, another manager restarting its VMs), for operators
 */
public record HostStatus(String name, HostState state, Capacity capacity, String reason, boolean probed,
                         List<HostCondition> conditions) {
    public HostStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        capacity = capacity == null ? Capacity.NONE : capacity;
        reason = reason == null ? "" : reason;
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public HostStatus(String name, HostState state, Capacity capacity, String reason, boolean probed) {
        this(name, state, capacity, reason, probed, List.of());
    }

    public HostStatus(String name, HostState state, Capacity capacity, String reason) {
        this(name, state, capacity, reason, true);
    }

    public HostStatus(String name, HostState state, Capacity capacity) {
        this(name, state, capacity, "", true);
    }
}
