package org.basket.scheduler;

import java.util.HashMap;
import java.util.Map;

import org.basket.api.model.Capacity;

/** What the resources assigned so far use of each host. */
final class HostLoad {
    private final Map<String, Capacity> used = new HashMap<>();
    private final Map<String, Integer> count = new HashMap<>();

    void add(String host, Capacity demand) {
        used.merge(host, demand, Capacity::plus);
        count.merge(host, 1, Integer::sum);
    }

    Capacity used(String host) {
        return used.getOrDefault(host, Capacity.NONE);
    }

    int count(String host) {
        return count.getOrDefault(host, 0);
    }
}
