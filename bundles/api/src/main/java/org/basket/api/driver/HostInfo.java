package org.basket.api.driver;

import java.util.List;

import org.basket.api.model.Capacity;
import org.basket.api.model.HostCondition;

/**
 * A host as its driver sees it.
 *
 * @param conditions what the driver wants operators to know of the host besides its capacity (its
 *                   hypervisor manager's maintenance mode, another manager acting on its VMs); shown in
 *                   {@code ha:status} and told as an event when they change
 */
public record HostInfo(String name, Capacity capacity, Capacity free, List<HostCondition> conditions) {
    public HostInfo {
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** A host with no condition to report. */
    public HostInfo(String name, Capacity capacity, Capacity free) {
        this(name, capacity, free, List.of());
    }
}
