package org.basket.driver.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** For safety tests: how many hosts each domain was ever active on at once. Guarded by the datacenter's lock. */
final class SafetyRecord {
    private final Map<String, Integer> maxActiveHosts = new HashMap<>();
    private final List<DoubleActiveViolation> violations = new ArrayList<>();

    /** Records a change that left {@code domain} active on {@code activeHosts}, from {@code activeBefore} hosts. */
    void changed(String domain, int activeBefore, List<String> activeHosts) {
        maxActiveHosts.merge(domain, activeHosts.size(), Math::max);
        if (activeHosts.size() > 1 && activeHosts.size() > activeBefore) {
            violations.add(new DoubleActiveViolation(domain, activeHosts));
        }
    }

    int maxActiveHosts(String domain) {
        return maxActiveHosts.getOrDefault(domain, 0);
    }

    List<DoubleActiveViolation> violations() {
        return List.copyOf(violations);
    }
}
