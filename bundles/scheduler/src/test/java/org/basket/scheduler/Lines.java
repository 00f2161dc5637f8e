package org.basket.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;
import org.basket.api.plan.Transition;

/** Test fixture: a transition as readable lines ("fence node2", "start vm1 on node1", ...). */
final class Lines {
    private Lines() {
    }

    static List<String> actions(Transition transition) {
        return transition.actions().stream().map(Action::toString).toList();
    }

    /** Orderings as "first -> then", sorted. */
    static List<String> orderings(Transition transition) {
        return transition.orderings().stream().map(Ordering::toString).sorted().toList();
    }

    /** Whether {@code then} waits, directly or through other actions, for {@code first}. */
    static boolean waitsFor(Transition transition, String then, String first) {
        Deque<String> todo = new ArrayDeque<>(List.of(then));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String next = todo.pop();
            for (Ordering ordering : transition.orderings()) {
                if (ordering.then().toString().equals(next)) {
                    String before = ordering.first().toString();
                    if (before.equals(first)) {
                        return true;
                    }
                    if (seen.add(before)) {
                        todo.push(before);
                    }
                }
            }
        }
        return false;
    }

    static boolean anyNote(Transition transition, String text) {
        return transition.notes().stream().anyMatch(n -> n.contains(text));
    }

    static void assertNote(Transition transition, String text) {
        assertTrue(anyNote(transition, text), () -> "no note contains '" + text + "' in " + transition.notes());
    }

    /** The sequential order respects every ordering. */
    static void assertConsistent(Transition transition) {
        List<Action> actions = transition.actions();
        for (Ordering ordering : transition.orderings()) {
            if (actions.indexOf(ordering.first()) >= actions.indexOf(ordering.then())) {
                fail("action order " + actions + " breaks " + ordering);
            }
        }
    }
}
