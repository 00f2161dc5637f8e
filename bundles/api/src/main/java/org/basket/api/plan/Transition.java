package org.basket.api.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A planned set of actions with the orderings between them, and the scheduler's explanation.
 *
 * @param actions   the actions in a valid sequential order
 * @param orderings which actions must complete before which others start
 * @param notes     why: one readable line per decision worth telling an operator
 */
public record Transition(List<Action> actions, List<Ordering> orderings, List<String> notes) {
    public static final Transition EMPTY = new Transition(List.of(), List.of(), List.of());

    public Transition {
        actions = List.copyOf(actions);
        orderings = List.copyOf(orderings);
        notes = List.copyOf(notes);
        Set<Action> known = new HashSet<>(actions);
        for (Ordering ordering : orderings) {
            if (!known.contains(ordering.first()) || !known.contains(ordering.then())) {
                throw new IllegalArgumentException("ordering names an action outside the transition: " + ordering);
            }
        }
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** The actions that must complete before {@code action} may start. */
    public List<Action> predecessors(Action action) {
        return orderings.stream().filter(o -> o.then().equals(action)).map(Ordering::first).toList();
    }
}
