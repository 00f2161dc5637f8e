package org.basket.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;

/** A deterministic sequential order of actions that respects every ordering: fences first, then by kind and name. */
final class TopologicalOrder {
    private static final Comparator<Action> TIE_BREAK = Comparator.comparingInt(TopologicalOrder::rank)
            .thenComparing(Action::toString);

    private TopologicalOrder() {
    }

    static List<Action> sort(Collection<Action> actions, Collection<Ordering> orderings) {
        Map<Action, Integer> blockers = new HashMap<>();
        Map<Action, List<Action>> successors = new HashMap<>();
        actions.forEach(a -> blockers.put(a, 0));
        for (Ordering ordering : orderings) {
            blockers.merge(ordering.then(), 1, Integer::sum);
            successors.computeIfAbsent(ordering.first(), k -> new ArrayList<>()).add(ordering.then());
        }
        PriorityQueue<Action> ready = new PriorityQueue<>(TIE_BREAK);
        blockers.forEach((action, count) -> {
            if (count == 0) {
                ready.add(action);
            }
        });
        List<Action> sorted = new ArrayList<>(actions.size());
        while (!ready.isEmpty()) {
            Action next = ready.poll();
            sorted.add(next);
            for (Action successor : successors.getOrDefault(next, List.of())) {
                if (blockers.merge(successor, -1, Integer::sum) == 0) {
                    ready.add(successor);
                }
            }
        }
        if (sorted.size() != actions.size()) {
            throw new IllegalStateException("orderings form a cycle among: " + actions.stream()
                    .filter(a -> !sorted.contains(a)).map(Action::toString).sorted().toList());
        }
        return sorted;
    }

    private static int rank(Action action) {
        if (action instanceof Action.Fence) {
            return 0;
        }
        if (action instanceof Action.Stop) {
            return 1;
        }
        if (action instanceof Action.Migrate) {
            return 2;
        }
        return 3;
    }
}
