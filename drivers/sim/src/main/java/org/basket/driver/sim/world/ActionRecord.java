package org.basket.driver.sim.world;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/** The world's record of the calls that change it, the latest {@link #CAPACITY} kept: which manager did what, twice or not. */
final class ActionRecord {
    static final int CAPACITY = 100_000;
    static final Set<String> ACTIONS = Set.of("start", "stop", "migrate", "fence-power");

    private final Deque<WorldAction> actions = new ArrayDeque<>();

    static boolean isAction(List<String> request) {
        return ACTIONS.contains(request.get(0));
    }

    synchronized void add(WorldAction action) {
        if (actions.size() == CAPACITY) {
            actions.removeFirst();
        }
        actions.addLast(action);
    }

    synchronized List<WorldAction> all() {
        return List.copyOf(actions);
    }
}
